import type { SendOptions } from '../cli/send-options.js';
import { CancelledError } from '../core/errors.js';
import type { RowResult } from '../core/result.js';
import { accountsToList, signImageScope, type ImageScopeRun } from './sign-image-scope.js';
import { t } from '../i18n/messages.js';
import { count } from '../i18n/count.js';

/** Every tag of the namespaces in scope: the wizard asks no patterns. */
const EVERY_TAG = { repository: () => true, tag: () => true };

/** The question, default no; Esc or Ctrl-C at it is a no (the policies are made, the closing lines stand). */
async function askToSign(question: string): Promise<boolean> {
  const { askConfirm } = await import('../ui/prompts.js');
  return askConfirm(question, false).catch((error: unknown) => {
    if (error instanceof CancelledError) return false;
    throw error;
  });
}

/** The signing's own options: the policy's --out (if any) is the policy's; its results are offered at the end, as sign-images offers them. */
const signingOptions = (options: SendOptions): SendOptions => ({ ...options, out: undefined, resume: undefined, dryRun: false });

/**
 * After the wizard created a policy: asks (default no) whether to sign the images the namespace already
 * holds, and if so runs `sign-images` for that namespace in this process (same listing, plan, engine,
 * journal and closing lines; the answer given here is the confirmation). Undefined when declined.
 */
export async function offerSigning(created: Pick<RowResult, 'RegistryId' | 'NamespaceName' | 'Region' | 'RoleArn'>, options: SendOptions): Promise<number | undefined> {
  const registry = created.RegistryId;
  const namespace = created.NamespaceName;
  if (!(await askToSign(t('images.signNow', { registry, namespace })))) return undefined;
  const scope = { region: created.Region, allRegions: false, ids: [registry] };
  const flags: ImageScopeRun['flags'] = { scope, namespaces: [namespace], filter: EVERY_TAG, globs: {}, send: signingOptions(options) };
  // The policy's account (its role, if the wizard was given one) is the one whose images are signed.
  const accounts = [{ roleArn: created.RoleArn, scope }];
  // The printed Resume line names this very scope (the region too: without it the line would list every
  // region, another scope, and its resume would need --force to be taken).
  return signImageScope({ flags, accounts, confirmed: true, rerun: ['sign-images', '--registry-id', registry, '--namespace', namespace, '--region', created.Region] });
}

/**
 * After the wizard's CSV run created policies: the same offer for the namespaces its record names, run
 * as `sign-images --from RECORD` would (the command its closing lines just printed).
 */
export async function offerSigningFrom(record: string, options: SendOptions): Promise<number | undefined> {
  // Every region, as `--from` lists: the registries come from the record, each with its account.
  const scope = { region: options.region ?? 'ap-guangzhou', allRegions: true, ids: [] };
  const accounts = await accountsToList(scope, { ...options, roleArns: undefined }, record);
  const namespaces = accounts.reduce((n, a) => n + [...(a.targets ?? new Map<string, ReadonlySet<string>>()).values()].reduce((m, names) => m + names.size, 0), 0);
  if (!(await askToSign(t('images.signNowMany', { namespaces: count('count.namespace', namespaces), record })))) return undefined;
  const flags: ImageScopeRun['flags'] = { scope, namespaces: [], filter: EVERY_TAG, globs: {}, send: signingOptions(options) };
  return signImageScope({ flags, accounts, confirmed: true, rerun: ['sign-images', '--from', record] });
}
