import { findCommand, type CommandSpec } from '../cli/command-specs.js';
import { parseFlags } from '../cli/parse-flags.js';
import { UsageError } from '../core/errors.js';
import { planImages } from '../core/plan-images.js';
import { readHint } from '../core/read-hint.js';
import { coveredAccounts } from '../core/role-arn.js';
import { lockOut } from '../services/out-lock.js';
import { PreflightError } from '../services/preflight-reader.js';
import { interactive } from './interactive.js';
import { listAccountImages, unlistedResults, type AccountToList } from './list-account-images.js';
import { namespacesFrom } from './namespaces-from.js';
import { unlistedLine } from './open-scope-reader.js';
import { readSignImagesFlags, type SignImagesFlags } from './sign-images-flags.js';
import { runImagePlan } from './sign-images-run.js';
import { t } from '../i18n/messages.js';

const spec = findCommand('sign-images') as CommandSpec;

/**
 * Signs the images namespaces already hold: lists the tags in scope in every account (reads), plans each
 * one (sign, skip, blocked), asks, then sends one CreateSignature per unsigned tag through the one engine,
 * each through its own account.
 */
export async function run(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(spec, argv);
  if (positionals.length > 0) throw new UsageError(t('cmd.flagsOnly', { command: 'sign-images', args: positionals.join(' ') }), t('cmd.flagsOnlyHint', { command: 'sign-images' }));
  const flags = readSignImagesFlags(values, Boolean(process.stdout.isTTY));
  const { send } = flags;
  const accounts = await accountsToList(flags);
  if (!send.dryRun && !send.yes && !interactive()) throw new UsageError(t('run.needsYes'), t('run.needsYesHint'));
  const lock = send.out ? lockOut(send.out) : undefined;
  try {
    // The one place every command gets its API from (credentials, lanes, --rate, --redis). With several
    // accounts its default is the base credentials', and each tag names its own.
    const only = accounts.length === 1 ? accounts[0]?.roleArn : undefined;
    const api = await (await import('./make-api.js')).makeApi({ ...send, roleArn: only })();
    try {
      const listed = await listAccountImages(api, accounts, { namespaces: flags.namespaces, filter: flags.filter }).catch((error: unknown) => {
        if (error instanceof PreflightError) throw new UsageError(t('images.listFailed', { message: error.message }), readHint(error.failure, false));
        throw error;
      });
      for (const u of listed.unlisted) process.stderr.write(unlistedLine(u.roleArn, u.error.message));
      const plan = planImages(listed.tags, listed);
      // A role that could not be assumed: the namespaces it was to sign are `not-sent`, naming the role.
      plan.settled.push(...unlistedResults(listed.unlisted, listed.tags.length));
      const code = await runImagePlan({ flags, api, listed, plan, rerun: ['sign-images', ...argv] });
      return listed.unlisted.length > 0 ? Math.max(code, 1) : code;
    } finally {
      await api.close?.();
    }
  } finally {
    lock?.release();
  }
}

/**
 * Whose images to list: with --from, each account its file's rows name (RoleArn, empty for the base
 * credentials), with their namespaces; otherwise the base credentials' and each --role-arn's, as status.
 */
async function accountsToList(flags: SignImagesFlags): Promise<AccountToList[]> {
  if (!flags.from) return coveredAccounts(flags.send).map((roleArn) => ({ roleArn, scope: flags.scope }));
  if (flags.send.roleArns && flags.send.roleArns.length > 0) throw new UsageError(t('images.fromWithRole'), t('images.fromWithRoleHint'));
  return [...(await namespacesFrom(flags.from))].map(([roleArn, targets]) => ({ roleArn, targets, scope: { ...flags.scope, ids: [...targets.keys()] } }));
}
