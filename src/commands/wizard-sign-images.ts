import type { SendOptions } from '../cli/send-options.js';
import { CancelledError } from '../core/errors.js';
import type { RowResult } from '../core/result.js';
import { signImageScope } from './sign-image-scope.js';
import { t } from '../i18n/messages.js';

/**
 * After the wizard created a policy: asks (default no) whether to sign the images the namespace already
 * holds, and if so runs `sign-images` for that namespace in this process (same listing, plan, engine,
 * journal and closing lines; the answer given here is the confirmation). Undefined when declined.
 */
export async function offerSigning(created: Pick<RowResult, 'RegistryId' | 'NamespaceName' | 'Region'>, options: SendOptions): Promise<number | undefined> {
  const { askConfirm } = await import('../ui/prompts.js');
  const registry = created.RegistryId;
  const namespace = created.NamespaceName;
  // Esc or Ctrl-C at this question is a no: the policy is made, and the closing line of `create` stands.
  const yes = await askConfirm(t('images.signNow', { registry, namespace }), false).catch((error: unknown) => {
    if (error instanceof CancelledError) return false;
    throw error;
  });
  if (!yes) return undefined;
  const flags = {
    scope: { region: created.Region, allRegions: false, ids: [registry] },
    namespaces: [namespace],
    filter: { repository: () => true, tag: () => true },
    globs: {},
    // The policy's --out (if any) is the policy's: the signing's results are offered at the end, as sign-images offers them.
    send: { ...options, out: undefined, resume: undefined, dryRun: false },
  };
  return signImageScope({ flags, confirmed: true, rerun: ['sign-images', '--registry-id', registry, '--namespace', namespace] });
}
