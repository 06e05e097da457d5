import type { Params } from '../params.js';
import type { RegionTable } from '../regions.js';
import type { Caller, RoleSessions } from '../role-sessions.js';
import type { EmulatorStore } from '../store.js';

/** What an action handler gets: the parsed body, the request's region and the state. */
export interface ActionContext {
  readonly params: Params;
  /** The X-TC-Region of the request (already checked to be present and known). */
  readonly region: string;
  readonly store: EmulatorStore;
  readonly regions: RegionTable;
  /** Whether DescribeNamespaces reads `Offset` as a page number. */
  readonly offsetCountsPages: boolean;
  /** Who signed the request: a registry of another account does not exist for them. */
  readonly caller: Caller;
  /** The roles AssumeRole may issue credentials for. */
  readonly sessions: RoleSessions;
  /** Unix seconds, the clock temporary credentials expire by. */
  readonly nowSeconds: number;
  /** How DescribeRepositories names repositories: `library/busybox` or `busybox`. */
  readonly repositoryNames?: 'with-namespace' | 'bare';
  /** DescribeRepositories and DescribeImages count pages from 0 (the other reading of "page number"). */
  readonly pagesFromZero?: boolean;
}

/**
 * Answers one action: the fields of `Response` besides RequestId, or an ApiError thrown.
 * Handlers are synchronous so that a check and the change it guards happen as one step.
 */
export type ActionHandler = (context: ActionContext) => Record<string, unknown>;
