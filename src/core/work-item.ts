/** `deleted` and `signed` are rollback's and sign-images' `created`: the requested change was made. */
export const ROW_STATUSES = ['created', 'deleted', 'signed', 'failed', 'invalid', 'skipped', 'dry-run', 'not-sent'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** What every result records of its outcome, after its item's own columns. */
export interface Outcome {
  readonly status: RowStatus;
  readonly RequestId: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
  readonly attempts: number;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export type OutcomeColumn = keyof Outcome;
export const OUTCOME_COLUMNS = ['status', 'RequestId', 'ErrorCode', 'ErrorMessage', 'attempts', 'startedAt', 'finishedAt'] as const satisfies readonly OutcomeColumn[];

/**
 * The identity columns the engine and the faces read of any item: its place in the run (an input
 * line, or its position in a listing), the region its request goes to, and the registry and
 * namespace it belongs to. Everything else an item carries only its kind knows.
 */
export interface ItemIdentity {
  readonly line: number;
  readonly Region: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
}

/**
 * An export's columns for these results: `RoleArn` after `Region` when some item was reached through a
 * CAM role (policies and tags alike), so a one-account run's export keeps its plain columns.
 */
export function withAccountColumn<C extends string>(columns: readonly C[], results: Iterable<{ readonly RoleArn?: string }>): readonly (C | 'RoleArn')[] {
  for (const r of results) {
    if (!r.RoleArn) continue;
    const at = columns.indexOf('Region' as C) + 1;
    return [...columns.slice(0, at), 'RoleArn', ...columns.slice(at)];
  }
  return columns;
}

/** Any item's one recorded outcome: its identity columns, then the outcome. */
export type ItemResult = ItemIdentity & Outcome;

/** The identity part of a kind's result. */
export type IdentityOf<R extends ItemResult> = Omit<R, OutcomeColumn>;

/**
 * A kind of work item, as data: the engine, the journal, the resume and the exports know an item
 * only through these (as Ink's `<Static>` knows its items only through `render`).
 */
export interface ItemKind<I, R extends ItemResult> {
  /** The item's identity columns, as its results carry them. */
  identity(item: I): IdentityOf<R>;
  /** Unique within a run: the journal's and --resume's key. Given an identity or a result. */
  key(id: IdentityOf<R>): string;
  /** How the faces name it (a namespace, a tag). */
  label(id: IdentityOf<R>): string;
  /** A result with the outcome so far; every column present (absent values ''). */
  result(id: IdentityOf<R>, status: RowStatus, outcome?: Partial<Omit<Outcome, 'status'>>): R;
  /** The columns of an export, in order. */
  readonly columns: readonly (keyof R & string)[];
  /** The columns of these results' export when they depend on the results (a policy run with roles adds RoleArn); `columns` otherwise. */
  exportColumns?(results: Iterable<R>): readonly (keyof R & string)[];
  /**
   * A result read back from an export or a journal line (the cells of one record), or undefined when the
   * cells are not one of this kind's results: what --resume reads an earlier run's record with.
   */
  read?(cells: Readonly<Record<string, unknown>>): R | undefined;
}

/**
 * A result: the identity columns given, then the outcome columns in their order, absent values ''.
 * Written into the identity object rather than spread: this runs once per item.
 */
export function withOutcome<Id extends object>(identity: Id, status: RowStatus, o: Partial<Omit<Outcome, 'status'>> = {}): Id & Outcome {
  const r = identity as Id & { -readonly [K in keyof Outcome]: Outcome[K] };
  r.status = status;
  r.RequestId = o.RequestId ?? '';
  r.ErrorCode = o.ErrorCode ?? '';
  r.ErrorMessage = o.ErrorMessage ?? '';
  r.attempts = o.attempts ?? 0;
  r.startedAt = o.startedAt ?? '';
  r.finishedAt = o.finishedAt ?? '';
  return r;
}

/** A cell as text, absent values ''. */
export const cellText = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/**
 * The outcome columns of a record read back (an export's row, a journal's result line), or undefined
 * when its status is not one of ours: every kind's `read` starts here.
 */
export function outcomeOfCells(c: Readonly<Record<string, unknown>>): Outcome | undefined {
  if (!ROW_STATUSES.includes(c.status as RowStatus)) return undefined;
  return {
    status: c.status as RowStatus, RequestId: cellText(c.RequestId), ErrorCode: cellText(c.ErrorCode), ErrorMessage: cellText(c.ErrorMessage),
    attempts: Number(c.attempts) || 0, startedAt: cellText(c.startedAt), finishedAt: cellText(c.finishedAt),
  };
}
