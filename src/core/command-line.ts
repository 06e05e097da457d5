import { DEFAULT_ENDPOINT } from './endpoint.js';

/**
 * The flags that say where, as whom and in which words a run worked. Every command the tool prints
 * repeats them, so that a pasted line acts on the same place as the run that printed it (a rollback
 * printed after a rehearsal against the emulator must not delete on the public API). A new one
 * (`--role-arn`) is one more entry here.
 */
export const CONTEXT_FLAGS = ['endpoint', 'profile', 'region', 'lang'] as const;

export type ContextFlag = (typeof CONTEXT_FLAGS)[number];

/** What a run used, flag by flag; a list repeats its flag (`--endpoint REGION=URL` twice). */
export type RunContext = Readonly<Partial<Record<ContextFlag, string | readonly string[]>>>;

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for a POSIX shell: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The public endpoint is where every command goes anyway: repeating it only lengthens the line. */
const implied = (flag: ContextFlag, value: string): boolean => value === '' || (flag === 'endpoint' && value === DEFAULT_ENDPOINT);

/** Whether `words` already carry the flag (`--x v` or `--x=v`): then the user's own value stands. */
const carries = (words: readonly string[], flag: string): boolean => words.some((w) => w === `--${flag}` || w.startsWith(`--${flag}=`));

/**
 * The one way a printed command is built: `tcr-sigpolicy WORDS…` followed by every flag of the run's
 * context that WORDS do not already carry, each word shell-quoted, ready to paste.
 */
export function commandLine(words: readonly string[], context: RunContext): string {
  const all = [...words];
  for (const flag of CONTEXT_FLAGS) {
    if (carries(words, flag)) continue;
    for (const value of [context[flag] ?? []].flat()) if (!implied(flag, value)) all.push(`--${flag}`, value);
  }
  return ['tcr-sigpolicy', ...all].map(shellQuote).join(' ');
}
