import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { t } from '../i18n/messages.js';

/** What a tccli profile holds: ~/.tccli/NAME.credential (keys) and NAME.configure (region). */
export interface TccliProfile {
  readonly name: string;
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly token?: string;
  readonly region?: string;
  /** tccli's `role-arn` / `role-session-name` in the .credential file: the profile reaches its account through this role. */
  readonly roleArn?: string;
  readonly roleSessionName?: string;
}

/**
 * Reads a tccli profile. A profile named on the command line must exist; the `default` profile is
 * read only when present, since most users of this tool never installed tccli.
 */
export function readTccliProfile(name: string | undefined, home = homedir()): TccliProfile | undefined {
  const profile = name ?? 'default';
  const dir = join(home, '.tccli');
  const credential = readJson(join(dir, `${profile}.credential`));
  const configure = readJson(join(dir, `${profile}.configure`));
  if (!credential && !configure) {
    if (name) throw new UsageError(t('cred.noProfile', { profile: name, dir }), t('cred.noProfileHint', { profile: name }));
    return undefined;
  }
  const sys = (configure?._sys_param ?? {}) as Record<string, unknown>;
  return {
    name: profile,
    secretId: text(credential?.secretId),
    secretKey: text(credential?.secretKey),
    token: text(credential?.token),
    region: text(sys.region) ?? text(configure?.region),
    roleArn: text(credential?.['role-arn']),
    roleSessionName: text(credential?.['role-session-name']),
  };
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(t('cred.unreadable', { path, message: (error as Error).message }), t('cred.unreadableHint'));
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
