import type { ImagePlan } from '../core/plan-images.js';
import { planImages } from '../core/plan-images.js';
import { isCredentialRefusal } from '../core/error-hints.js';
import { readHint } from '../core/read-hint.js';
import type { TagItem, TagResult } from '../core/tag-item.js';
import type { ItemChunk } from '../services/engine/item-source.js';
import { PreflightError } from '../services/preflight-reader.js';
import type { UnlistedAccount } from './list-account-images.js';
import type { OpenImageScope, ScopeFacts } from './list-image-scope.js';
import { t } from '../i18n/messages.js';

/** A listing handed to the engine as it goes, and the plan it makes, complete once the listing ends. */
export interface StreamedPlan {
  /** Each DescribeImages page, planned: its tags to sign, and those skipped or blocked. */
  readonly chunks: AsyncIterable<ItemChunk<TagItem, TagResult>>;
  /** Every page's plan added up so far (the summary shown once the listing ends). */
  readonly plan: ImagePlan;
  /** What the listing threw, once it has: the run stopped there. */
  readonly failure: () => unknown;
  /** Accounts whose listing failed midway and were set aside (several accounts): the run went on without them. */
  readonly stopped: readonly UnlistedAccount[];
}

export interface StreamOptions {
  /** Rows settled once the listing is over (the namespaces of an account that could not be listed), numbered after it. */
  readonly after?: (lines: number) => TagResult[];
  /** Told when the listing has ended (plain lines say the plan then). */
  readonly listed?: () => void;
}

/** A listing of several accounts: those set aside midway (list-account-images.ts), said once the run is over. */
type StreamScope = OpenImageScope & { readonly stopped?: readonly UnlistedAccount[] };

/**
 * Plans each page of the listing as it is answered, so signing starts with the first unsigned tag while
 * later repositories are still listed (a run that asks nothing: `--yes`). The plan is the same one
 * `planImages` makes of the whole listing, added up page by page.
 */
export function streamPlan(scope: StreamScope, o: StreamOptions = {}): StreamedPlan {
  const plan = { toSign: [] as TagItem[], settled: [] as TagResult[], counts: { sign: 0, skip: 0, blocked: 0 } };
  let failure: unknown;
  async function* chunks(): AsyncGenerator<ItemChunk<TagItem, TagResult>> {
    let lines = 0;
    try {
      // As the pages are answered: the signing lane is fed by every repository at once, never by the slowest.
      for await (const page of scope.pages('arrival')) {
        const planned = planImages(page, scope);
        plan.toSign.push(...planned.toSign);
        plan.settled.push(...planned.settled);
        plan.counts.sign += planned.counts.sign;
        plan.counts.skip += planned.counts.skip;
        plan.counts.blocked += planned.counts.blocked;
        lines += page.length;
        yield { toSend: planned.toSign, settled: planned.settled };
      }
    } catch (error) {
      failure = error;
      throw error;
    }
    const tail = o.after?.(lines) ?? [];
    plan.settled.push(...tail);
    o.listed?.();
    if (tail.length > 0) yield { toSend: [], settled: tail };
  }
  return { chunks: chunks(), plan, failure: () => failure, stopped: scope.stopped ?? [] };
}

/** Where a streamed run sends, for its `start` event: the registries in scope and their regions (its tags are not listed yet). */
export function whereOf(listed: Pick<ScopeFacts, 'registries'>): { readonly regions: string[]; readonly registries: string[] } {
  return {
    regions: [...new Set(listed.registries.map((r) => r.region))].sort(),
    registries: [...new Set(listed.registries.map((r) => r.registryId))].sort(),
  };
}

/**
 * A listing that failed while its tags were being signed, for the closing lines: what failed and what to do,
 * once per account set aside (the others went on), or once for the whole listing (the run stopped there).
 */
export function listingFailedLines(stream: StreamedPlan): string[] {
  const error = stream.failure();
  const accounts = stream.stopped.flatMap(({ roleArn, error: { message, failure, action } }) => [
    // Refused credentials (or a role no longer assumed) stop the account's traffic too (services/traffic/paced-api.ts): its tags still to sign end not-sent.
    t(isCredentialRefusal(failure.code) || failure.notSent ? 'account.listingStoppedAll' : 'account.listingStopped', { account: roleArn, message }),
    // Refused temporary credentials are the role's, not the base key's: the base key's hint would mislead.
    roleArn && failure.code.startsWith('AuthFailure') ? t('account.roleRefusedHint') : readHint(failure, false, action),
  ]);
  const whole = error instanceof PreflightError ? [t('images.listFailed', { message: error.message }), readHint(error.failure, false, error.action)] : [];
  return [...accounts, ...whole].filter(Boolean);
}

/** The exit code once the run is over: at least 1 when the listing failed (or an account's); anything else it threw is a bug, thrown once the results are written. */
export function exitAfterListing(stream: StreamedPlan, code: number): number {
  const error = stream.failure();
  if (error === undefined) return stream.stopped.length > 0 ? Math.max(code, 1) : code;
  if (!(error instanceof PreflightError)) throw error;
  return Math.max(code, 1);
}
