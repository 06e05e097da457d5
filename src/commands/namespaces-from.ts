import { UsageError } from '../core/errors.js';
import { readPriorRecords } from '../services/read-prior-results.js';
import type { NamespaceTargets } from './list-image-scope.js';
import { t } from '../i18n/messages.js';

/**
 * The namespaces a batch created or skipped (signing already), by registry, from its results or journal:
 * the ones whose images `sign-images --from` signs. A file that names none is a usage error.
 */
export async function namespacesFrom(path: string): Promise<NamespaceTargets> {
  const targets = new Map<string, Set<string>>();
  for (const record of await readPriorRecords(path, t('prior.whatResults'))) {
    if (record.kind !== 'result' || (record.result.status !== 'created' && record.result.status !== 'skipped')) continue;
    const { RegistryId, NamespaceName } = record.result;
    targets.set(RegistryId, (targets.get(RegistryId) ?? new Set()).add(NamespaceName));
  }
  if (targets.size === 0) throw new UsageError(t('images.fromNothing', { path }), t('images.fromNothingHint'));
  return targets;
}
