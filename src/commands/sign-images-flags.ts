import picomatch from 'picomatch';
import { stringFlag, type FlagValues } from '../cli/parse-flags.js';
import { readSendOptions, type SendOptions } from '../cli/send-options.js';
import { InputError, UsageError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { ImageFilter } from '../services/list-images.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { readRegistryScope } from './registry-scope-flags.js';
import { t } from '../i18n/messages.js';

export interface SignImagesFlags {
  readonly scope: RegistryScope;
  /** Only these namespaces (every one when empty). */
  readonly namespaces: readonly string[];
  readonly filter: ImageFilter;
  /** The --repository and --tag patterns as given (the scope a --resume record must share). */
  readonly globs: { readonly repository?: string; readonly tag?: string };
  /** A batch's results or journal: the namespaces it created or skipped. */
  readonly from?: string;
  readonly send: SendOptions;
}

/** A glob flag as a matcher (everything when absent); a pattern picomatch cannot read is a usage error. */
function globFlag(values: FlagValues, flag: string): (name: string) => boolean {
  const glob = stringFlag(values, flag)?.trim();
  if (!glob) return () => true;
  try {
    return picomatch(glob, { dot: true });
  } catch (error) {
    throw new UsageError(t('images.badGlob', { flag, glob, message: (error as Error).message }), t('cmd.flagsOnlyHint', { command: 'sign-images' }));
  }
}

/** The sign-images flags, checked before anything is read; every scope problem at once. */
export function readSignImagesFlags(values: FlagValues, stdoutIsTty: boolean, env: NodeJS.ProcessEnv = process.env): SignImagesFlags {
  if (values['registry-id'] === undefined && values['all-registries'] !== true && values.from === undefined) {
    throw new UsageError(t('images.noScope'), t('images.noScopeHint'));
  }
  const problems: Problem[] = [];
  const scope = readRegistryScope(values, problems, env);
  if (problems.length > 0) throw new InputError(t('images.invalidFlags'), '', problems, t('cmd.fixFlags'));
  const namespaces = (stringFlag(values, 'namespace') ?? '').split(',').map((ns) => ns.trim()).filter(Boolean);
  const from = stringFlag(values, 'from');
  return {
    scope,
    namespaces,
    filter: { repository: globFlag(values, 'repository'), tag: globFlag(values, 'tag') },
    globs: { repository: stringFlag(values, 'repository')?.trim() || undefined, tag: stringFlag(values, 'tag')?.trim() || undefined },
    from,
    // --out is guarded like batch's: never an existing file without --force, never the --from file.
    send: readSendOptions(values, stdoutIsTty, { inputs: from ? [from] : [], what: t('out.fromFile') }, env),
  };
}
