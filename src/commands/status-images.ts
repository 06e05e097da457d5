import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../core/errors.js';
import { IMAGE_COVERAGE_COLUMNS, imageCoverageOf, type NamespaceImages } from '../core/image-coverage.js';
import { formatImageCoverage } from '../ui/image-coverage-table.js';
import { listImageScope, listingAsUsageError } from './list-image-scope.js';
import type { StatusFlags } from './status-flags.js';
import { t } from '../i18n/messages.js';

/**
 * `status --images`: image by image, per namespace: repositories, images (tags), signed, unsigned, and
 * whether the namespace has a policy. Reads only (every page of DescribeRepositories and DescribeImages);
 * plain `status` never pays for these reads.
 */
export async function runImageStatus(flags: StatusFlags): Promise<number> {
  const { makeApi } = await import('./make-api.js');
  const api = await makeApi({ endpoint: flags.endpoint, profile: flags.profile, rate: 20 })();
  let rows: NamespaceImages[];
  try {
    const listed = await listImageScope(api, { scope: flags.scope, namespaces: [], filter: { repository: () => true, tag: () => true } }).catch(listingAsUsageError);
    rows = imageCoverageOf(listed.namespaceList, listed.tags);
  } finally {
    await api.close?.();
  }
  if (flags.json) process.stdout.write(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else process.stdout.write(formatImageCoverage(rows));
  if (flags.out) {
    const text = flags.out.format === 'csv'
      ? stringify([[...IMAGE_COVERAGE_COLUMNS], ...rows.map((r) => IMAGE_COVERAGE_COLUMNS.map((c) => String(r[c])))])
      : `${JSON.stringify(rows, null, 2)}\n`;
    try {
      await writeFile(flags.out.path, text);
    } catch (error) {
      throw new UsageError(t('status.cannotWrite', { path: flags.out.path, message: (error as Error).message }), t('status.checkOut'));
    }
    process.stderr.write(`${t('status.written', { path: flags.out.path })}\n`);
  }
  return 0;
}
