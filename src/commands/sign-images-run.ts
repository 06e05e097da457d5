import { createEventHub } from '../core/event-hub.js';
import { runDryRun } from '../core/dry-run.js';
import { DeclinedError } from '../core/errors.js';
import { exitCodeFor } from '../core/exit-code.js';
import type { ImagePlan } from '../core/plan-images.js';
import { countStatuses } from '../core/result.js';
import { accountStopLines } from '../core/account-stops.js';
import { TAG_ITEMS, tagResultColumns, type TagResult } from '../core/tag-item.js';
import type { LanedApi } from '../core/tcr-api.js';
import { RunControl } from '../services/engine/run-control.js';
import { exportResults } from '../services/export-results.js';
import { SIGN_IMAGE } from '../services/image-operations.js';
import { journalPathFor, newRunId, openJournal } from '../services/journal.js';
import { formatImagePlan } from '../ui/format-image-plan.js';
import { fitClosingLines } from '../ui/fit-closing-lines.js';
import { formatDuration } from '../ui/format-duration.js';
import type { ImageScope } from './list-image-scope.js';
import { startFace, stoppingOnSignals } from './run-with-faces.js';
import type { SignImagesFlags } from './sign-images-flags.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

export interface ImageRun {
  readonly flags: SignImagesFlags;
  readonly api: LanedApi;
  readonly listed: ImageScope;
  readonly plan: ImagePlan;
  /** The command line (after `tcr-sigpolicy`) of this run. */
  readonly rerun: readonly string[];
  /** Where the journal goes when there is no --out (default: the working directory; the demo's: a temporary one, not named since it is removed). */
  readonly journalDir?: string;
}

/** Lines on stderr, fitted to the terminal's width (a word never cut, a command kept whole). */
const say = (text: string): void => {
  process.stderr.write(`${fitClosingLines(text.trimEnd().split('\n'), process.stderr.columns ?? Infinity).join('\n')}\n`);
};

/** The plan shown, then a preview (dry run) or the confirmation and the live run; results exported; the exit code. */
export async function runImagePlan(run: ImageRun): Promise<number> {
  const { flags, plan, listed } = run;
  const { send } = flags;
  if (!send.json) say(formatImagePlan(plan, listed));
  const hub = createEventHub();
  if (send.dryRun) {
    startFace({ options: send }, hub);
    const results = runDryRun(plan.toSign, plan.settled, { endpoint: send.endpoint.url, rate: send.rate, onEvent: hub.emit, now: Date.now, operation: SIGN_IMAGE });
    return finish(run, results, false);
  }
  if (plan.toSign.length > 0 && !send.yes) await confirm(run);
  const control = new RunControl();
  const runId = newRunId(new Date());
  const journal = await openJournal(journalPathFor(send.out, runId, run.journalDir), { run: runId, input: `sign-images ${run.rerun.join(' ')}` });
  hub.subscribe((event) => {
    if (event.type === 'row-done') journal.result(TAG_ITEMS.key(event.result as TagResult), event.result);
  });
  const face = startFace({ options: send }, hub, { control, planShown: true, signal: new AbortController().signal });
  const { runBatch } = await import('../services/engine/run-batch.js');
  const outcome = await stoppingOnSignals(control, () => runBatch(plan.toSign, {
    api: run.api, control, emit: hub.emit, endpoint: send.endpoint.url, rate: send.rate, maxAttempts: send.maxAttempts,
    settled: plan.settled, journal: journal.path, operation: SIGN_IMAGE,
    // Nothing goes out before its intent is on disk: after a crash, the tag is known to be unknown.
    // An intent that cannot be written (a full or vanished disk) stops the run, as for batch.
    beforeAttempt: (tag, attempt) => journal.intent(TAG_ITEMS.key(tag), tag.line, attempt, true).catch(() => control.stop('journal-failed')),
  }));
  await face;
  await journal.close();
  if (!run.journalDir) say(t('images.journal', { path: journal.path }));
  return finish(run, outcome.results, outcome.interrupted);
}

async function confirm({ flags, plan }: ImageRun): Promise<void> {
  const { send } = flags;
  const { askConfirm } = await import('../ui/prompts.js');
  const ok = await askConfirm(t('images.confirm', {
    tags: count('count.tag', plan.toSign.length),
    registries: count('count.registry', new Set(plan.toSign.map((tag) => tag.RegistryId)).size),
    regions: [...new Set(plan.toSign.map((tag) => tag.Region))].sort().join(', '),
    endpoint: send.endpoint.url,
    rate: send.rate,
    duration: formatDuration((plan.toSign.length / send.rate) * 1000),
  }));
  if (!ok) throw new DeclinedError(t('confirm.nothingSent'));
}

/** The export (one row per tag, in listing order), the closing lines, and the exit code as for batch. */
async function finish({ flags }: ImageRun, results: Iterable<TagResult>, interrupted: boolean): Promise<number> {
  const counts = countStatuses(results);
  if (flags.send.out) {
    await exportResults(flags.send.out, results, tagResultColumns(results));
    say(t('images.results', { path: flags.send.out }));
  }
  for (const line of accountStopLines(results)) say(line);
  say(t('images.closing', { signed: counts.signed, skipped: counts.skipped, blocked: counts.invalid, failed: counts.failed, notSent: counts['not-sent'] }));
  if (!flags.send.dryRun && counts.signed > 0) say(t('images.cannotUndo'));
  return exitCodeFor(counts, interrupted);
}
