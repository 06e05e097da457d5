import type { RegistryListing } from '../core/coverage.js';
import { UsageError } from '../core/errors.js';
import type { Access } from '../services/open-api.js';
import type { PreflightReader } from '../services/preflight-reader.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { readHint } from '../core/read-hint.js';
import { coveredAccounts } from '../core/role-arn.js';
import { t } from '../i18n/messages.js';

export interface ScopeReader {
  /** Paced, retried reads; the caller closes it. */
  readonly reader: PreflightReader;
  /** The registries in scope, sorted by region then id. */
  readonly registries: readonly RegistryListing[];
  readonly reads: typeof import('../services/read-coverage.js');
  /** The lines that say which --registry-id the listing did not show (empty when all were found). */
  readonly notFound: string;
}

/** Registries asked for by id that the listing did not show: a typo, another account, or no access. */
function notFoundLines(scope: RegistryScope, registries: readonly RegistryListing[]): string {
  const where = scope.allRegions ? t('scope.anyRegion') : scope.region;
  return scope.ids
    .filter((id) => !registries.some((r) => r.registryId === id))
    .map((id) => `${t('scope.registryNotFound', { registry: id, where })}\n`)
    .join('');
}

/**
 * Loads the SDK (only now, so --help stays light), signs in, and lists the registries in scope.
 * A listing that fails is a usage error with what to do: without it there is nothing to show.
 */
export async function openScopeReader(o: { readonly scope: RegistryScope } & Access): Promise<ScopeReader> {
  const [{ makeApi }, reads, { createPreflightReader, PreflightError }] = await Promise.all([
    import('./make-api.js'),
    import('../services/read-coverage.js'),
    import('../services/preflight-reader.js'),
  ]);
  const reader = createPreflightReader(await makeApi(o)());
  try {
    const registries = await reads.listRegistries(reader, o.scope);
    return { reader, registries, reads, notFound: notFoundLines(o.scope, registries) };
  } catch (error) {
    reader.close();
    if (error instanceof PreflightError) throw new UsageError(error.message, readHint(error.failure, false));
    throw error;
  }
}

/** The line that names an account that could not be listed, and why (the others are still shown). */
export function unlistedLine(roleArn: string, message: string): string {
  return `${t('error.prefix', { message: t('account.unlisted', { account: roleArn, message }) })}\n`;
}

/** One account's scope reader, or why the account could not be listed. */
export type AccountScope = { readonly roleArn?: string } & ({ readonly open: ScopeReader; readonly error?: undefined } | { readonly open?: undefined; readonly error: UsageError });

/**
 * The accounts a read-only command covers: the base credentials' and each --role-arn's (or only the
 * default account when no --role-arn is given), each listed with its own credentials, its registries
 * marked with the account. An account that cannot be listed is set aside with why; the others go on.
 */
export async function openAccountScopes(o: { readonly scope: RegistryScope; readonly roleArns?: readonly string[] } & Access): Promise<AccountScope[]> {
  const accounts = coveredAccounts(o);
  return Promise.all(
    accounts.map(async (roleArn): Promise<AccountScope> => {
      try {
        const open = await openScopeReader({ ...o, roleArn });
        return { roleArn, open: { ...open, registries: open.registries.map((r) => (roleArn ? { ...r, roleArn } : r)) } };
      } catch (error) {
        if (accounts.length > 1 && roleArn && error instanceof UsageError) return { roleArn, error };
        throw error;
      }
    }),
  );
}
