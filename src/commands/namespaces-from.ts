import { UsageError } from '../core/errors.js';
import { readPriorRecords } from '../services/read-prior-results.js';
import type { NamespaceTargets } from './list-image-scope.js';
import { t } from '../i18n/messages.js';

/** The namespaces to sign, by account: the role ARN of the rows (undefined: the base credentials), then by registry. */
export type AccountTargets = ReadonlyMap<string | undefined, NamespaceTargets>;

/**
 * The namespaces a batch created or skipped (signing already), by account and registry, from its results
 * or journal: the ones whose images `sign-images --from` signs, each with the account its row was sent
 * through (the RoleArn column). A file that names none is a usage error.
 */
export async function namespacesFrom(path: string): Promise<AccountTargets> {
  const accounts = new Map<string | undefined, Map<string, Set<string>>>();
  for (const record of await readPriorRecords(path, t('prior.whatResults'))) {
    if (record.kind !== 'result' || (record.result.status !== 'created' && record.result.status !== 'skipped')) continue;
    const { RegistryId, NamespaceName, RoleArn } = record.result;
    const account = RoleArn || undefined;
    const targets = accounts.get(account) ?? new Map<string, Set<string>>();
    targets.set(RegistryId, (targets.get(RegistryId) ?? new Set()).add(NamespaceName));
    accounts.set(account, targets);
  }
  if (accounts.size === 0) throw new UsageError(t('images.fromNothing', { path }), t('images.fromNothingHint'));
  return accounts;
}
