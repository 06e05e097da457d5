import { createEventHub } from '../core/event-hub.js';
import { runDryRun } from '../core/dry-run.js';
import { CancelledError, DeclinedError } from '../core/errors.js';
import type { ImageResume } from '../core/image-resume.js';
import type { ImagePlan } from '../core/plan-images.js';
import { countStatuses } from '../core/result.js';
import { TAG_ITEMS, type TagItem, type TagResult } from '../core/tag-item.js';
import type { LanedApi } from '../core/tcr-api.js';
import type { RunControl } from '../services/engine/run-control.js';
import { SIGN_IMAGE } from '../services/image-operations.js';
import { formatImageConfirm, formatImagePlan } from '../ui/format-image-plan.js';
import { fitClosingLines } from '../ui/fit-closing-lines.js';
import { finishDryRun } from './finish-run.js';
import type { ScopeFacts } from './list-image-scope.js';
import type { PreparedRun, RunRequest } from './run-request.js';
import { sendPrepared, startFace } from './run-with-faces.js';
import type { SignImagesFlags } from './sign-images-flags.js';
import { exitAfterListing, listingFailedLines, whereOf, type StreamedPlan } from './sign-images-stream.js';
import { finishBeforeSending } from './stop-before-sending.js';
import { t } from '../i18n/messages.js';

export interface ImageRun {
  readonly flags: Pick<SignImagesFlags, 'send'>;
  readonly api: LanedApi;
  readonly control: RunControl;
  readonly listed: ScopeFacts;
  readonly plan: ImagePlan;
  /** Set for a run that asks nothing (--yes): the listing, sent as it goes; `plan` is its plan, complete once it ends. */
  readonly stream?: StreamedPlan;
  /** The scope's fingerprint, which the journal records so a --resume can tell this scope's record. */
  readonly input: string;
  /** With --resume: what the earlier record settled, and the tags it left unknown. */
  readonly resume?: ImageResume;
  /** The command line (after `tcr-sigpolicy`) of this run: the resume line is built from it (none for the demo). */
  readonly rerun?: readonly string[];
  /** A scratch folder for the journal, removed by the caller (the demo's): named nowhere at the end. */
  readonly journalDir?: string;
  /** The user already said yes (the wizard's offer): the plan is shown, nothing more is asked. */
  readonly confirmed?: boolean;
  readonly startedAt: number;
}

/** Lines on stderr, fitted to the terminal's width (a word never cut, a command kept whole). */
export const say = (text: string): void => {
  process.stderr.write(`${fitClosingLines(text.trimEnd().split('\n'), process.stderr.columns ?? Infinity).join('\n')}\n`);
};

/** The signing run as the shared sending path takes it: tags, CreateSignature, and the lines a signing run closes with. */
function requestOf(run: ImageRun): RunRequest<TagItem, TagResult> {
  const { send } = run.flags;
  return {
    options: send,
    operation: SIGN_IMAGE,
    rerun: run.rerun,
    journalDir: run.journalDir,
    scratchJournals: run.journalDir !== undefined,
    noExportOffer: run.journalDir !== undefined,
    summary: (results) => {
      const counts = countStatuses(results);
      // Streamed, the plan was not shown before sending: it leads the closing lines, with a listing that failed.
      const plan = run.stream && !send.json ? formatImagePlan(run.plan, run.listed).trimEnd().split('\n') : [];
      const streamed = run.stream ? [...plan, ...listingFailedLines(run.stream)] : [];
      const lines = [...streamed, t('images.closing', { signed: counts.signed, skipped: counts.skipped, blocked: counts.invalid, failed: counts.failed, notSent: counts['not-sent'] })];
      return !send.dryRun && counts.signed > 0 ? [...lines, t('images.cannotUndo')] : lines;
    },
  };
}

/**
 * The plan shown, then a preview (dry run) or the confirmation and the live run, through the same
 * path as batch: journal, faces, engine, the export in a `finally`, the closing lines with the resume
 * line. A stop before the first request (a signal, Ctrl-C at the question) still writes every tag's result.
 */
export async function runImagePlan(run: ImageRun): Promise<number> {
  const { plan, listed, control, resume } = run;
  const { send } = run.flags;
  const req = requestOf(run);
  const { stream } = run;
  if (!send.json && !stream) say(formatImagePlan(plan, listed));
  if (send.dryRun) {
    const hub = createEventHub();
    startFace(req, hub);
    return finishDryRun(req, runDryRun(plan.toSign, plan.settled, { endpoint: send.endpoint.url, rate: send.rate, onEvent: hub.emit, now: Date.now, operation: SIGN_IMAGE }));
  }
  if (plan.toSign.length > 0 && !send.yes && !run.confirmed && !control.stopping) await confirm(run).catch(stopOnCancel(control));
  const carried = resume ? { runs: resume.runs, records: resume.records } : undefined;
  if (control.stopping) {
    const unsent = plan.toSign.map((tag) => TAG_ITEMS.result(tag, 'not-sent'));
    return finishBeforeSending(req, run.input, [...plan.settled, ...unsent], carried);
  }
  const prepared: PreparedRun<TagItem, TagResult> = {
    toSend: stream ? [] : plan.toSign,
    settled: stream ? [] : plan.settled,
    ...(stream ? { source: stream.chunks, where: whereOf(listed) } : {}),
    planShown: true,
    // A tag to sign was unsigned when listed: the journal's intents say so (the baseline a resume reads).
    signingBefore: () => false,
    // A tag an earlier run left unknown is read (KmsSignature) before it is sent again, never sent blind.
    unknownBefore: resume?.unknown ?? new Set(),
    carried,
    startedAt: run.startedAt,
  };
  const code = await sendPrepared(req, run.api, prepared, run.input, control);
  return stream ? exitAfterListing(stream, code) : code;
}

async function confirm({ flags, plan, control }: ImageRun): Promise<void> {
  const { send } = flags;
  const { askConfirm } = await import('../ui/prompts.js');
  const question = formatImageConfirm(plan.toSign, { endpoint: send.endpoint.url, rate: send.rate });
  const ok = await askConfirm(question, false, '--yes', control.stopSignal);
  if (!ok) throw new DeclinedError(t('confirm.nothingSent'));
}

/** Ctrl-C at the question is a stop like any other before sending (its terminal is in raw mode: no signal). */
function stopOnCancel(control: RunControl): (error: unknown) => void {
  return (error) => {
    if (!(error instanceof CancelledError)) throw error;
    control.stop();
  };
}
