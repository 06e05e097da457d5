import { UsageError } from '../core/errors.js';
import { resumeImages, type ImageResume } from '../core/image-resume.js';
import { rerunImages } from '../core/image-rerun.js';
import { planImages } from '../core/plan-images.js';
import { TAG_ITEMS, type TagResult } from '../core/tag-item.js';
import type { LanedApi } from '../core/tcr-api.js';
import { RunControl } from '../services/engine/run-control.js';
import { scopeFingerprint } from '../services/input-fingerprint.js';
import { lockOut } from '../services/out-lock.js';
import { journalDirFor } from '../services/journal.js';
import type { SendOptions } from '../cli/send-options.js';
import { coveredAccounts } from '../core/role-arn.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { listAccountImages, openAccountImages, unlistedResults, type AccountToList } from './list-account-images.js';
import { listingAsUsageError } from './list-image-scope.js';
import { namespacesFrom } from './namespaces-from.js';
import { unlistedLine } from './open-scope-reader.js';
import { readEarlierRuns, readResumeRecords, type RecordPlace } from './read-run-record.js';
import { stoppingOnSignals } from './run-with-faces.js';
import type { SignImagesFlags } from './sign-images-flags.js';
import { runImagePlan, say } from './sign-images-run.js';
import { streamPlan } from './sign-images-stream.js';
import { formatImagePlan } from '../ui/format-image-plan.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

export interface ImageScopeRun {
  readonly flags: Omit<SignImagesFlags, 'from'>;
  /** Whose images to list: each account (a role, or the base credentials) with its registries and the namespaces of --from. */
  readonly accounts: readonly AccountToList[];
  /** The API to list and sign through; made from the flags when absent (the demo passes its own credential). */
  readonly api?: () => Promise<LanedApi>;
  readonly rerun?: readonly string[];
  readonly journalDir?: string;
  /** The user already said yes (the wizard's offer). */
  readonly confirmed?: boolean;
  /** List everything and show the plan before sending, even with --yes (the demo: a rehearsal, the same every time). */
  readonly listFirst?: boolean;
}

/**
 * A whole sign-images run over one scope: the --resume record read first, then under the --out lock
 * and with signals stopping it gracefully at any step, the listing (reads), the plan (afresh, or what
 * the record leaves), and the run through the shared sending path.
 */
export async function signImageScope(o: ImageScopeRun): Promise<number> {
  const { flags, accounts } = o;
  const { send } = flags;
  const input = scopeFingerprint({
    region: flags.scope.allRegions ? undefined : flags.scope.region, registries: flags.scope.ids, all: flags.scope.allRegions,
    namespaces: flags.namespaces, repository: flags.globs.repository, tag: flags.globs.tag,
    accounts: o.accounts.map((a) => a.roleArn ?? ''),
    from: o.accounts.flatMap((a) => [...(a.targets ?? [])].flatMap(([registry, names]) => [...names].map((ns) => `${a.roleArn ?? ''}|${registry}/${ns}`))),
  });
  // The --resume record (with the later runs' journals beside it) is read first: an empty file or a batch's results are refused (exit 2).
  const place = { kind: TAG_ITEMS, input, endpoint: send.endpoint.given };
  const prior = send.resume ? (await readResumeRecords(place, send.resume, process.stderr)).records : undefined;
  const control = new RunControl();
  return stoppingOnSignals(control, async () => {
    const lock = send.out ? lockOut(send.out) : undefined;
    try {
      // The one place every command gets its API from (credentials, lanes, --rate, --redis). With several
      // accounts its default is the base credentials', and each tag names its own.
      const only = accounts.length === 1 ? accounts[0]?.roleArn : undefined;
      const api = await (o.api ?? (await import('./make-api.js')).makeApi({ ...send, roleArn: only }))();
      try {
        const startedAt = Date.now();
        const lists = { namespaces: flags.namespaces, filter: flags.filter };
        const earlier = prior ? undefined : await earlierRuns(place, o);
        // Nothing to ask (--yes), and no record to apply to the whole listing (--resume, earlier runs in this
        // place): signing starts with the first unsigned tag while the listing goes on. Else the whole plan first.
        if (send.yes && !send.dryRun && !prior && !earlier && !o.listFirst) {
          const scope = await openAccountImages(api, accounts, lists).catch(listingAsUsageError);
          for (const u of scope.unlisted) process.stderr.write(unlistedLine(u.roleArn, u.error.message));
          const stream = streamPlan(scope, {
            // A role that could not be assumed: the namespaces it was to sign are `not-sent`, after the tags.
            after: (lines) => unlistedResults(scope.unlisted, lines),
            // Plain lines say the plan once the listing ends (the dashboard, in its closing lines).
            listed: () => send.plain && !send.json && say(formatImagePlan(stream.plan, scope)),
          });
          const code = await runImagePlan({ flags, api, control, listed: scope, plan: stream.plan, stream, input, rerun: o.rerun, journalDir: o.journalDir, confirmed: o.confirmed, startedAt });
          return scope.unlisted.length > 0 ? Math.max(code, 1) : code;
        }
        const listed = await listAccountImages(api, accounts, lists).catch(listingAsUsageError);
        for (const u of listed.unlisted) process.stderr.write(unlistedLine(u.roleArn, u.error.message));
        const resume = prior ? resumeImages(listed.tags, listed, prior, input) : earlier && rerunImages(listed.tags, listed, earlier);
        refuseForeignRecord(resume, send.resume, send.force);
        if (resume && send.resume && !send.json) {
          say(t('images.resumed', { path: send.resume, carried: resume.carried, unknown: resume.settledUnknown, again: resume.unknown.size }));
        }
        const plan = resume?.plan ?? planImages(listed.tags, listed);
        // A role that could not be assumed: the namespaces it was to sign are `not-sent`, naming the role.
        plan.settled.push(...unlistedResults(listed.unlisted, listed.tags.length));
        const code = await runImagePlan({ flags, api, control, listed, plan, input, resume, rerun: o.rerun, journalDir: o.journalDir, confirmed: o.confirmed, startedAt });
        return listed.unlisted.length > 0 ? Math.max(code, 1) : code;
      } finally {
        await api.close?.();
      }
    } finally {
      lock?.release();
    }
  });
}

/**
 * A live run without --resume that finds the journals earlier runs of the same scope left in its place (a
 * re-run with --force on the same --out): the batch's record, so the tags it signed stay `signed`.
 */
async function earlierRuns(place: RecordPlace<TagResult>, o: ImageScopeRun): Promise<Parameters<typeof rerunImages>[2] | undefined> {
  const { send } = o.flags;
  if (send.dryRun) return undefined;
  const dir = journalDirFor(send.out, o.journalDir);
  const earlier = await readEarlierRuns(place, dir);
  if (earlier.journals.length === 0) return undefined;
  if (!send.json) say(t('images.rerunFound', { runs: count('count.run', earlier.journals.length), dir }));
  return earlier.records;
}

/** A --resume record of another scope, or of no tag listed here, is refused unless --force: nothing was sent. */
function refuseForeignRecord(resume: ImageResume | undefined, path: string | undefined, force: boolean): void {
  if (resume?.mismatch && !force) throw new UsageError(t('resume.mismatch', { path: path ?? '', why: resume.mismatch }), t('images.resumeHint'));
}

/**
 * Whose images to list: with a --from record, each account its rows name (RoleArn, empty for the base
 * credentials), with their namespaces; otherwise the base credentials' and each --role-arn's, as status.
 */
export async function accountsToList(scope: RegistryScope, send: SendOptions, from: string | undefined): Promise<AccountToList[]> {
  if (!from) return coveredAccounts(send).map((roleArn) => ({ roleArn, scope }));
  if (send.roleArns && send.roleArns.length > 0) throw new UsageError(t('images.fromWithRole'), t('images.fromWithRoleHint'));
  return [...(await namespacesFrom(from))].map(([roleArn, targets]) => ({ roleArn, targets, scope: { ...scope, ids: [...targets.keys()] } }));
}
