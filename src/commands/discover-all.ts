import type { RegistryCoverage, RegistryListing } from '../core/coverage.js';
import { signingKeyProblem } from '../core/plan-rows.js';
import type { RegistryNamespaces } from '../services/read-coverage.js';
import type { DiscoverFlags } from './discover-flags.js';
import { openScopeReader } from './open-scope-reader.js';
import { startReadProgress } from './read-progress.js';
import { t } from '../i18n/messages.js';

export interface AllRegistries {
  /** Running registries that were read, sorted by region then id. */
  readonly read: readonly RegistryNamespaces[];
  /** Registries whose reads failed, each with why. */
  readonly unreadable: readonly RegistryCoverage[];
  /** Some --registry-id was not listed (said on stderr already). */
  readonly notFound: boolean;
  /** Registries left out because policies need a Running registry. */
  readonly notRunning: readonly RegistryListing[];
}

/**
 * The reads behind `discover --all-registries`, the same as `status`: the listing, then every page of
 * each Running registry's namespaces; the key once, which only warns. A registry that fails is set aside.
 */
export async function readAllRegistries(flags: DiscoverFlags, err: NodeJS.WritableStream): Promise<AllRegistries> {
  const scope = flags.scope;
  if (!scope) throw new Error('readAllRegistries needs --all-registries');
  const { reader, registries, reads, notFound } = await openScopeReader({ scope, endpoint: flags.endpoint, profile: flags.profile });
  try {
    const running = registries.filter((r) => r.status === 'Running');
    const { kmsId, kmsRegion } = flags.request;
    const { describeKeys } = await import('../services/preflight-queries.js');
    // The key is read in its own lane alongside the namespaces; its warning is written after them.
    const keyRead = describeKeys(reader, [kmsId], kmsRegion).then((facts) => ({ fact: facts.get(kmsId) ?? null }), (error: unknown) => ({ error }));
    const progress = startReadProgress(err, running.length);
    const { read, unreadable } = await reads.readEachRegistry(reader, running, progress.update);
    progress.stop();
    const key = await keyRead;
    if ('error' in key) {
      const failure = reads.readFailureOf(key.error);
      err.write(`${t('discover.keyUnchecked', { key: kmsId, region: kmsRegion, code: failure.code, message: failure.message })}\n`);
    } else {
      const keyProblem = signingKeyProblem(kmsId, key.fact, kmsRegion);
      if (keyProblem) err.write(`${t('discover.keyWarning', { reason: keyProblem.reason })}\n`);
    }
    err.write(notFound);
    return {
      notFound: notFound !== '',
      read,
      unreadable,
      notRunning: registries.filter((r) => r.status !== 'Running'),
    };
  } finally {
    reader.close();
  }
}
