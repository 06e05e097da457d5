import { commandLine, type RunContext } from './command-line.js';
import type { RowStatus, StatusCounts } from './result.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/**
 * The user's own command with `--resume JOURNAL` in place of any earlier `--resume`, and what the run
 * used, ready to paste. An `--out` given before is kept and gets `--force` (where the command has it):
 * the resumed run's results describe the whole batch, so they rightly replace the interrupted run's.
 */
export function resumeCommand(argv: readonly string[], journal: string, context: RunContext, hasForce = true): string {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--resume') i += 1;
    else if (!word.startsWith('--resume=')) words.push(word);
  }
  const hasOut = words.some((w) => w === '--out' || w.startsWith('--out='));
  const force = hasForce && hasOut && !words.includes('--force') ? ['--force'] : [];
  return commandLine([...words, '--resume', journal, ...force], context);
}

export interface NextStepsInput {
  readonly counts: StatusCounts;
  readonly interrupted: boolean;
  /** The run's journal (every row's outcome), when the run was live. */
  readonly journal?: string;
  /**
   * The journal could not be written in full (a full disk): it is named as incomplete, and resumed from
   * only when no results file holds every row (every request sent has its intent there, so that is safe).
   */
  readonly journalFailed?: boolean;
  /** The --out that could not be written: the resume line leaves it out, and says so. */
  readonly outFailed?: string;
  /** Where the results were exported, if they were. */
  readonly results?: string;
  /** Builds the command that resumes from a file; undefined when the command takes no --resume. */
  readonly resume?: (file: string) => string;
  /** The failures by code and cause, how many rows each and what to do, most frequent first (failureCodes). */
  readonly failures?: readonly FailureGroup[];
  /** Builds the command that rolls back a file's created rows; undefined when none is offered (a demo, a rollback itself). */
  readonly rollback?: (file: string) => string;
  /** The run signs image tags (sign-images): the resume note speaks of tags. */
  readonly signing?: boolean;
  /** Builds the command that signs the images of the namespaces a results file records as created (after a live batch). */
  readonly signImages?: (file: string) => string;
}

export type FailureGroup = readonly [code: string, rows: number, hint?: string];

const UNFINISHED: readonly RowStatus[] = ['failed', 'not-sent'];

/**
 * The closing block: where the results are, what failed and why, how to go on and how to undo,
 * each on one line, only the lines that apply.
 */
export function nextSteps(input: NextStepsInput): string[] {
  const { counts, journal, results } = input;
  const lines: string[] = [];
  // The file to go on from: the journal, unless writing it failed and the export holds every row.
  const whole = input.journalFailed ? (results ?? journal) : (journal ?? results);
  const record = results ?? whole;
  if (results) lines.push(t('next.results', { path: results }));
  if (journal) lines.push(t(input.journalFailed ? 'next.journalIncomplete' : 'next.journal', { path: journal }));
  for (const [code, rows, hint] of input.failures ?? []) {
    lines.push(t('next.failed', { rows: count('count.row', rows), code, hint: hint ? t('next.hint', { hint }) : '' }));
  }
  const unfinished = UNFINISHED.reduce((n, s) => n + counts[s], 0);
  // Only worth it once something was sent: a run stopped before its first request is simply run again.
  const sent = counts.created + counts.signed + counts.failed + counts.skipped > 0 || input.interrupted;
  if (whole && journal && input.resume && unfinished > 0 && sent) {
    const notSent = counts['not-sent'] > 0 ? t('next.notSent', { n: counts['not-sent'] }) : '';
    const failed = counts.failed > 0 ? t('next.failedRows', { n: counts.failed }) : '';
    lines.push(t('next.resume', { command: input.resume(whole) }));
    lines.push(t(input.signing ? 'next.resumeNoteSigned' : 'next.resumeNote', { which: [notSent, failed].filter(Boolean).join(t('next.and')) }));
    if (input.outFailed) lines.push(t('next.outLeftOut', { out: input.outFailed }));
  }
  if (input.rollback && record && counts.created > 0) lines.push(t('next.rollBack', { command: input.rollback(record), n: counts.created }));
  if (input.signImages && record && counts.created > 0) {
    lines.push(t('next.imagesUnsigned', { namespaces: count('count.namespace', counts.created) }));
    lines.push(t('next.signImages', { command: input.signImages(record) }));
  }
  return lines;
}

type FailedRow = { readonly status: RowStatus; readonly ErrorCode: string; readonly ErrorMessage: string };

/**
 * The failed rows (not-sent ones are explained where the run stopped) grouped by code and by what to
 * do about them (`hint`, from the code and the message: one code may have several causes), with how
 * many rows each, most frequent first.
 */
export function failureCodes(results: Iterable<FailedRow>, hint: (code: string, message: string) => string | undefined = () => undefined): FailureGroup[] {
  const groups = new Map<string, { code: string; rows: number; hint: string | undefined }>();
  for (const r of results) {
    if (r.status !== 'failed' || !r.ErrorCode) continue;
    const what = hint(r.ErrorCode, r.ErrorMessage);
    const key = JSON.stringify([r.ErrorCode, what]);
    const group = groups.get(key) ?? { code: r.ErrorCode, rows: 0, hint: what };
    group.rows += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.rows - a.rows).map((g) => (g.hint === undefined ? [g.code, g.rows] : [g.code, g.rows, g.hint]));
}
