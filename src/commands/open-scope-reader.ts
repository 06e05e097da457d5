import type { RegistryListing } from '../core/coverage.js';
import type { Endpoints } from '../core/endpoint.js';
import { UsageError } from '../core/errors.js';
import type { PreflightReader } from '../services/preflight-reader.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { readHint } from '../core/read-hint.js';
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
export async function openScopeReader(o: { readonly scope: RegistryScope; readonly endpoint: Endpoints; readonly profile?: string }): Promise<ScopeReader> {
  const [{ resolveCredential }, { createSdkApi }, reads, { createPreflightReader, PreflightError }] = await Promise.all([
    import('../services/credentials.js'),
    import('../services/sdk-api.js'),
    import('../services/read-coverage.js'),
    import('../services/preflight-reader.js'),
  ]);
  const reader = createPreflightReader(await createSdkApi(o.endpoint, await resolveCredential(o.profile)));
  try {
    const registries = await reads.listRegistries(reader, o.scope);
    return { reader, registries, reads, notFound: notFoundLines(o.scope, registries) };
  } catch (error) {
    reader.close();
    if (error instanceof PreflightError) throw new UsageError(error.message, readHint(error.failure, false));
    throw error;
  }
}
