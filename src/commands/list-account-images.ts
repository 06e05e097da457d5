import { TAG_ITEMS, type TagResult } from '../core/tag-item.js';
import { accountApi, type TcrApi } from '../core/tcr-api.js';
import type { ImageFilter } from '../services/list-images.js';
import { PreflightError } from '../services/preflight-reader.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { listImageScope, type ImageScope, type NamespaceTargets } from './list-image-scope.js';

/** One account to list: its role (undefined: the base credentials), its registries, and the namespaces asked for (--from). */
export interface AccountToList {
  readonly roleArn?: string;
  readonly scope: RegistryScope;
  readonly targets?: NamespaceTargets;
}

/** A role account whose listing failed (its role could not be assumed, or a read was refused): set aside, the others go on. */
export interface UnlistedAccount {
  readonly roleArn: string;
  readonly error: PreflightError;
  /** The namespaces it was to sign (--from), each of which becomes one `not-sent` row. */
  readonly targets?: NamespaceTargets;
}

export interface AccountImages extends ImageScope {
  readonly unlisted: readonly UnlistedAccount[];
}

/**
 * Lists the images of every account at once, each through its own API (credentials, lanes) and marks
 * each tag with its account, so the plan and the run send it there. With several accounts a role's
 * listing that fails is set aside with why; with one, or for the base credentials, it stops the command.
 */
export async function listAccountImages(
  api: TcrApi,
  accounts: readonly AccountToList[],
  o: { readonly namespaces: readonly string[]; readonly filter: ImageFilter },
): Promise<AccountImages> {
  const unlisted: UnlistedAccount[] = [];
  const listed = await Promise.all(
    accounts.map(async (account): Promise<ImageScope | undefined> => {
      try {
        const scope = await listImageScope(accountApi(api, account.roleArn), { ...o, scope: account.scope, targets: account.targets });
        const { roleArn } = account;
        if (!roleArn) return scope;
        return { ...scope, tags: scope.tags.map((tag) => ({ ...tag, RoleArn: roleArn })), registries: scope.registries.map((r) => ({ ...r, roleArn })) };
      } catch (error) {
        if (accounts.length < 2 || !account.roleArn || !(error instanceof PreflightError)) throw error;
        unlisted.push({ roleArn: account.roleArn, error, targets: account.targets });
        return undefined;
      }
    }),
  );
  return { ...merge(listed.filter((s): s is ImageScope => s !== undefined)), unlisted };
}

/** The accounts' listings as one, tags numbered again in listing order. */
function merge(scopes: readonly ImageScope[]): ImageScope {
  const calls: Record<string, number> = {};
  for (const s of scopes) for (const [action, n] of Object.entries(s.calls)) calls[action] = (calls[action] ?? 0) + n;
  return {
    tags: scopes.flatMap((s) => s.tags).map((tag, i) => ({ ...tag, line: i + 1 })),
    // Registry ids are unique across accounts (TCR names instances globally).
    hasPolicy: (registryId, namespace) => scopes.some((s) => s.hasPolicy(registryId, namespace)),
    registries: scopes.flatMap((s) => s.registries),
    namespaceList: scopes.flatMap((s) => s.namespaceList),
    repositories: scopes.reduce((a, s) => a + s.repositories, 0),
    namespaces: scopes.reduce((a, s) => a + s.namespaces, 0),
    calls,
  };
}

/**
 * The namespaces of the accounts that could not be listed, one `not-sent` row each (their tags are
 * unknown), numbered after the listed tags, with the account and why: the run says which account
 * stopped and exits 1.
 */
export function unlistedResults(unlisted: readonly UnlistedAccount[], after: number): TagResult[] {
  const rows = unlisted.flatMap(({ roleArn, error, targets }) =>
    [...(targets ?? new Map<string, ReadonlySet<string>>())].flatMap(([RegistryId, names]) =>
      [...names].map((NamespaceName) => ({ RoleArn: roleArn, RegistryId, NamespaceName, code: error.failure.code, message: error.failure.message })),
    ),
  );
  return rows.map((r, i) =>
    TAG_ITEMS.result(
      { line: after + i + 1, Region: '', RoleArn: r.RoleArn, RegistryId: r.RegistryId, NamespaceName: r.NamespaceName, RepositoryName: '', ImageVersion: '', Digest: '' },
      'not-sent',
      { ErrorCode: r.code, ErrorMessage: r.message },
    ),
  );
}
