import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { imageCoverageColumns, imageCoverageOf, type NamespaceImages } from '../core/image-coverage.js';
import { coveredAccounts } from '../core/role-arn.js';
import { formatImageCoverage } from '../ui/image-coverage-table.js';
import { listAccountImages } from './list-account-images.js';
import { listingAsUsageError } from './list-image-scope.js';
import { unlistedLine } from './open-scope-reader.js';
import type { StatusFlags } from './status-flags.js';
import { t } from '../i18n/messages.js';

/**
 * `status --images`: image by image, per namespace: repositories, images (tags), signed, unsigned, and
 * whether the namespace has a policy, in every account covered (--role-arn, as plain `status`). Reads
 * only (every page of DescribeRepositories and DescribeImages); plain `status` never pays for these reads.
 */
export async function runImageStatus(flags: StatusFlags): Promise<number> {
  const { makeApi } = await import('./make-api.js');
  const accounts = coveredAccounts(flags);
  const api = await makeApi({ ...flags, roleArn: accounts.length === 1 ? accounts[0] : undefined, rate: 20 })();
  let rows: NamespaceImages[];
  let unlisted: string;
  try {
    const all = { repository: () => true, tag: () => true };
    const listed = await listAccountImages(api, accounts.map((roleArn) => ({ roleArn, scope: flags.scope })), { namespaces: [], filter: all }).catch(listingAsUsageError);
    const owner = new Map(listed.registries.map((r) => [r.registryId, r.roleArn]));
    rows = imageCoverageOf(listed.namespaceList.map((n) => ({ ...n, RoleArn: owner.get(n.RegistryId) })), listed.tags);
    unlisted = listed.unlisted.map((u) => unlistedLine(u.roleArn, u.error.message)).join('');
  } finally {
    await api.close?.();
  }
  if (flags.json) process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else process.stdout.write(formatImageCoverage(rows));
  if (flags.out) {
    const columns = imageCoverageColumns(rows);
    const text = flags.out.format === 'csv'
      ? stringify([[...columns], ...rows.map((r) => columns.map((c) => String(r[c] ?? '')))])
      : `${JSON.stringify(rows, null, 2)}\n`;
    try {
      await writeFile(flags.out.path, text);
    } catch (error) {
      throw new UsageError(t('status.cannotWrite', { path: flags.out.path, message: (error as Error).message }), t('status.checkOut'));
    }
    process.stderr.write(`${t('status.written', { path: flags.out.path })}\n`);
  }
  process.stderr.write(unlisted);
  return unlisted ? 1 : 0;
}
