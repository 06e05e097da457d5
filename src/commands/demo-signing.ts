import type { SendOptions } from '../cli/send-options.js';
import type { Credential } from '../services/credentials.js';
import { makeApi } from './make-api.js';
import { signImageScope } from './sign-image-scope.js';
import { wrapCells } from '../ui/fit-cells.js';
import { t } from '../i18n/messages.js';

/** The namespaces of the bundled seed whose images the demo signs: one its batch created, one that signed before. */
const DEMO_IMAGES = { registries: ['tcr-ab12cd34', 'tcr-9x8y7z6w'], namespaces: ['payments', 'catalog'] };

/**
 * The demo's last step: the images already in two namespaces are signed, as `sign-images` would,
 * since a policy signs only what is pushed after it. Same engine, faces and journal as any run.
 */
export async function demoSigning(options: SendOptions, credential: Credential, journalDir: string): Promise<number> {
  process.stderr.write(`\n${wrapCells(t('demo.signing'), process.stderr.columns ?? Infinity).join('\n')}\n`);
  // Half the limit: a rehearsal's few tags need no more, and a throttled retry would make its events vary from run to run.
  const paced = { ...options, rate: Math.min(options.rate, 10) };
  const scope = { region: 'ap-guangzhou', allRegions: true, ids: DEMO_IMAGES.registries };
  const filter = { repository: () => true, tag: () => true };
  const flags = { scope, namespaces: DEMO_IMAGES.namespaces, filter, globs: {}, send: { ...paced, out: undefined, resume: undefined } };
  return signImageScope({ flags, accounts: [{ scope }], api: makeApi(paced, { credential }), journalDir, listFirst: true });
}
