import type { ImagePlan } from '../core/plan-images.js';
import { readHint } from '../core/read-hint.js';
import { planImages } from '../core/plan-images.js';
import type { TagItem, TagResult } from '../core/tag-item.js';
import type { ItemChunk } from '../services/engine/item-source.js';
import { PreflightError } from '../services/preflight-reader.js';
import type { OpenImageScope, ScopeFacts } from './list-image-scope.js';
import { t } from '../i18n/messages.js';

/** A listing handed to the engine as it goes, and the plan it makes, complete once the listing ends. */
export interface StreamedPlan {
  /** Each DescribeImages page, planned: its tags to sign, and those skipped or blocked. */
  readonly chunks: AsyncIterable<ItemChunk<TagItem, TagResult>>;
  /** Every page's plan added up so far (the summary shown once the listing ends). */
  readonly plan: ImagePlan;
}

/**
 * Plans each page of the listing as it is answered, so signing starts with the first unsigned tag while
 * later repositories are still listed (a run that asks nothing: `--yes`). The plan is the same one
 * `planImages` makes of the whole listing, added up page by page.
 */
export function streamPlan(scope: OpenImageScope, after?: (lines: number) => TagResult[]): StreamedPlan {
  const plan = { toSign: [] as TagItem[], settled: [] as TagResult[], counts: { sign: 0, skip: 0, blocked: 0 } };
  async function* chunks(): AsyncGenerator<ItemChunk<TagItem, TagResult>> {
    let lines = 0;
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
    // Rows settled once the listing is over (the namespaces of an account that could not be listed), numbered after it.
    const tail = after?.(lines) ?? [];
    plan.settled.push(...tail);
    if (tail.length > 0) yield { toSend: [], settled: tail };
  }
  return { chunks: chunks(), plan };
}

/** Where a streamed run sends, for its `start` event: the registries in scope and their regions (its tags are not listed yet). */
export function whereOf(listed: Pick<ScopeFacts, 'registries'>): { readonly regions: string[]; readonly registries: string[] } {
  return {
    regions: [...new Set(listed.registries.map((r) => r.region))].sort(),
    registries: [...new Set(listed.registries.map((r) => r.registryId))].sort(),
  };
}

/**
 * A listing that failed while its tags were being signed (the run stopped there): what failed and what
 * to do, said before the closing lines; the run then exits 1 at least. Anything else it threw is a bug,
 * thrown once the results are written.
 */
export async function afterListing(error: unknown, say: (text: string) => void, finish: () => Promise<number>): Promise<number> {
  if (error instanceof PreflightError) say([t('images.listFailed', { message: error.message }), readHint(error.failure, false)].filter(Boolean).join('\n'));
  const code = await finish();
  if (error === undefined) return code;
  if (!(error instanceof PreflightError)) throw error;
  return Math.max(code, 1);
}
