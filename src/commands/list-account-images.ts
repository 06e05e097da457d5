import { TAG_ITEMS, type TagResult } from '../core/tag-item.js';
import { accountApi, type TcrApi } from '../core/tcr-api.js';
import type { ImageFilter } from '../services/list-images.js';
import { PreflightError } from '../services/preflight-reader.js';
import type { RegistryScope } from '../services/read-coverage.js';
import type { ListedTag } from '../core/plan-images.js';
import { mergeIn, type MergeOrder } from '../services/merge-sources.js';
import { listImageScope, openImageScope, type ImageScope, type NamespaceTargets, type OpenImageScope } from './list-image-scope.js';

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

/** What every account lists: the namespaces asked for (all when empty), and the --repository and --tag filters. */
export interface ImageListOptions {
  readonly namespaces: readonly string[];
  readonly filter: ImageFilter;
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
  o: ImageListOptions,
): Promise<AccountImages> {
  const { done, unlisted } = await eachAccount(accounts, async ({ roleArn, scope, targets }) => {
    const listed = await listImageScope(accountApi(api, roleArn), { ...o, scope, targets });
    if (!roleArn) return listed;
    return { ...listed, tags: listed.tags.map((tag) => ({ ...tag, RoleArn: roleArn })), registries: listed.registries.map((r) => ({ ...r, roleArn })) };
  });
  return { ...merge(done), unlisted };
}

/**
 * Runs `list` for every account at once. With several accounts a role's listing that fails is set aside
 * with why; with one, or for the base credentials, it stops the command.
 */
async function eachAccount<T>(accounts: readonly AccountToList[], list: (account: AccountToList) => Promise<T>): Promise<{ done: T[]; unlisted: UnlistedAccount[] }> {
  const unlisted: UnlistedAccount[] = [];
  // In the accounts' order, whichever answers first.
  const each = await Promise.all(
    accounts.map(async (account): Promise<T[]> => {
      try {
        return [await list(account)];
      } catch (error) {
        unlisted.push(setAside(accounts, account, error));
        return [];
      }
    }),
  );
  return { done: each.flat(), unlisted };
}

/**
 * The one rule for an account whose listing fails: with several accounts, a role's failed read sets that
 * account aside (why, for its row and its line); with one, or for the base credentials, it is thrown.
 */
function setAside(accounts: readonly AccountToList[], account: AccountToList, error: unknown): UnlistedAccount {
  if (accounts.length < 2 || !account.roleArn || !(error instanceof PreflightError)) throw error;
  return { roleArn: account.roleArn, error, targets: account.targets };
}

export interface OpenAccountImages extends OpenImageScope {
  readonly unlisted: readonly UnlistedAccount[];
  /** Accounts whose listing failed after their pages began (set aside as above): their tags listed before go on; grows as it happens. */
  readonly stopped: readonly UnlistedAccount[];
}

/**
 * The same accounts, opened for a listing that goes on while their tags are signed (--yes): each
 * account's registries and namespaces read first (a role that cannot be assumed set aside as above),
 * then `pages()` lists the tags of every account at once, each marked with its account. A read that
 * fails during the pages sets its account aside by the same rule (`stopped`): the others go on.
 */
export async function openAccountImages(
  api: TcrApi,
  accounts: readonly AccountToList[],
  o: ImageListOptions,
): Promise<OpenAccountImages> {
  const { done: open, unlisted } = await eachAccount(accounts, async (account) => ({
    account,
    roleArn: account.roleArn,
    scope: await openImageScope(accountApi(api, account.roleArn), { ...o, scope: account.scope, targets: account.targets }),
  }));
  const stopped: UnlistedAccount[] = [];
  const scopes = open.map((a) => a.scope);
  return {
    unlisted,
    hasPolicy: (registryId, namespace) => scopes.some((s) => s.hasPolicy(registryId, namespace)),
    registries: open.flatMap(({ roleArn, scope }) => (roleArn ? scope.registries.map((r) => ({ ...r, roleArn })) : scope.registries)),
    namespaceList: scopes.flatMap((s) => s.namespaceList),
    get repositories() {
      return scopes.reduce((n, s) => n + s.repositories, 0);
    },
    namespaces: scopes.reduce((n, s) => n + s.namespaces, 0),
    get calls() {
      return addCalls(scopes);
    },
    stopped,
    async *pages(order: MergeOrder = 'fixed') {
      let line = 0;
      const ofAccount = ({ account, roleArn, scope }: (typeof open)[number]) => async function* (): AsyncGenerator<ListedTag[]> {
        try {
          for await (const page of scope.pages(order)) yield roleArn ? page.map((tag) => ({ ...tag, RoleArn: roleArn })) : page;
        } catch (error) {
          // Its listing ends here; the other accounts' go on.
          stopped.push(setAside(accounts, account, error));
        }
      };
      for await (const page of mergeIn<ListedTag[]>(order)(open.map(ofAccount))) yield page.map((tag) => ({ ...tag, line: (line += 1) }));
    },
  };
}

/** Read calls made by every account, by action. */
function addCalls(scopes: readonly Pick<ImageScope, 'calls'>[]): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const s of scopes) for (const [action, n] of Object.entries(s.calls)) calls[action] = (calls[action] ?? 0) + n;
  return calls;
}

/** The accounts' listings as one, tags numbered again in listing order. */
function merge(scopes: readonly ImageScope[]): ImageScope {
  const calls = addCalls(scopes);
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
