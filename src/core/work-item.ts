/** `deleted` is rollback's `created`: the requested change (DeleteSignaturePolicy) was made. */
export const ROW_STATUSES = ['created', 'deleted', 'failed', 'invalid', 'skipped', 'dry-run', 'not-sent'] as const;
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
}
