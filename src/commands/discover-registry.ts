import type { NamespaceFact } from '../core/plan-rows.js';
import { signingKeyProblem } from '../core/plan-rows.js';
import { UsageError } from '../core/errors.js';
import type { DiscoverFlags } from './discover-flags.js';
import { readHint } from '../core/read-hint.js';
import { t } from '../i18n/messages.js';
import { settleAll } from '../core/settle-all.js';

/**
 * The reads behind discover, through the preflight's limiters: the registry (where it lives, whether
 * it runs), its namespaces and those that sign (every page), and the key, which only warns.
 */
export async function readRegistry(flags: DiscoverFlags, err: NodeJS.WritableStream): Promise<NamespaceFact> {
  const { request } = flags;
  const [{ makeApi }, reads, { createPreflightReader, PreflightError }] = await Promise.all([
    import('./make-api.js'),
    import('../services/preflight-queries.js'),
    import('../services/preflight-reader.js'),
  ]);
  const reader = createPreflightReader(await makeApi(flags)());
  const { registryId, region } = request;
  try {
    const here = (await reads.describeRegistries(reader, region, [registryId])).get(registryId);
    if (!here) {
      const elsewhere = (await reads.describeRegistries(reader, region, [registryId], true)).get(registryId);
      throw elsewhere
        ? new UsageError(t('discover.elsewhere', { registry: registryId, actual: elsewhere.region, region }), t('discover.elsewhereHint', { actual: elsewhere.region }))
        : new UsageError(t('plan.registryNotFound', { registry: registryId }), t('discover.notFoundHint'));
    }
    if (here.status !== 'Running') err.write(`${t('discover.notRunningOne', { registry: registryId, status: here.status })}\n`);
    const keyRegion = request.kmsRegion || region;
    const [names, signing, key] = await settleAll([
      reads.listNamespaces(reader, registryId, region, false),
      reads.listNamespaces(reader, registryId, region, true),
      reads.describeKeys(reader, [request.kmsId], keyRegion).then((found) => found.get(request.kmsId) ?? null),
    ]);
    const keyProblem = signingKeyProblem(request.kmsId, key, keyRegion);
    if (keyProblem) err.write(`${t('discover.keyWarning', { reason: keyProblem.reason })}\n`);
    return { names, signing };
  } catch (error) {
    if (error instanceof PreflightError) {
      throw new UsageError(error.message, readHint(error.failure, false));
    }
    throw error;
  } finally {
    reader.close();
  }
}
