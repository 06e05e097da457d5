import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { planImages } from '../core/plan-images.js';
import { lockOut } from '../services/out-lock.js';
import { interactive } from './interactive.js';
import { listAll, listingAsUsageError as asUsageError, openImageScope } from './list-image-scope.js';
import { namespacesFrom } from './namespaces-from.js';
import { readSignImagesFlags } from './sign-images-flags.js';
import { runImagePlan } from './sign-images-run.js';
import { streamPlan } from './sign-images-stream.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('sign-images') as CommandSpec;

/**
 * Signs the images namespaces already hold: lists the tags in scope (reads), plans each one (sign,
 * skip, blocked), asks, then sends one CreateSignature per unsigned tag through the one engine.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'sign-images', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'sign-images' }));
  const flags = readSignImagesFlags(values, Boolean(process.stdout.isTTY));
  const { send } = flags;
  const targets = flags.from ? await namespacesFrom(flags.from) : undefined;
  if (!send.dryRun && !send.yes && !interactive()) throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  const lock = send.out ? lockOut(send.out) : undefined;
  try {
    // The one place every command gets its API from (credentials, lanes, --rate, --redis).
    const api = await (await import('./make-api.js')).makeApi(send)();
    try {
      const scope = await openImageScope(api, { scope: targets ? { ...flags.scope, ids: [...targets.keys()] } : flags.scope, namespaces: flags.namespaces, filter: flags.filter, targets }).catch(asUsageError);
      const rerun = ['sign-images', ...argv];
      // Nothing to ask (--yes): signing starts with the first unsigned tag while the listing goes on.
      // A question, or a dry run, needs the whole plan first: the user sees what will be signed.
      if (send.yes && !send.dryRun) {
        const stream = streamPlan(scope);
        return await runImagePlan({ flags, api, listed: scope, plan: stream.plan, stream, rerun });
      }
      const listed = await listAll(scope).catch(asUsageError);
      return await runImagePlan({ flags, api, listed, plan: planImages(listed.tags, listed), rerun });
    } finally {
      await api.close?.();
    }
  } finally {
    lock?.release();
  }
}
