import { en } from './en.js';

// One module for the language (choosing it, holding it, looking messages up): each module more on the
// --help path costs it about half a millisecond.
/** The languages this tool speaks, and how a run picks one: --lang, else the POSIX locale variables. */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * LC_ALL, then LC_MESSAGES, then LANG: the first one set decides, as for any POSIX program.
 * `zh_CN.UTF-8` (or `zh_CN`, `zh-CN`) is Simplified Chinese; anything else, `C` included, is English.
 */
export function langFromLocale(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return /^zh[_-]CN(?:[.@]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

export function parseLang(value: string): Lang | undefined {
  return LANGS.find((lang) => lang.toLowerCase() === value.toLowerCase());
}

/**
 * Takes `--lang X` / `--lang=X` out of argv (every command takes it, so it is read once, before the
 * command's own flags). Stops at `--`. `lang` is the raw value, checked by the caller.
 */
export function takeLangFlag(argv: readonly string[]): { readonly lang?: string; readonly rest: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--lang') {
      lang = argv[i + 1] ?? '';
      i++;
    } else if (arg.startsWith('--lang=')) {
      lang = arg.slice('--lang='.length);
    } else {
      rest.push(arg);
    }
  }
  return { lang, rest };
}

/** A command's help mirrored in another language: what is missing falls back to the table's English (test/i18n-catalogue.test.ts forbids that). */
export interface HelpMirror {
  readonly commands: Readonly<Record<string, { readonly summary: string; readonly description?: string; readonly options?: Readonly<Record<string, string>> }>>;
  /** The shared flags (SEND_OPTIONS, GLOBAL_OPTIONS) by name, wherever a command takes them unchanged. */
  readonly options: Readonly<Record<string, string>>;
  readonly emulatorNote: string;
}

/**
 * `t('key', {name})`: the message in the run's language, placeholders filled in. English is the
 * source of the keys and is always loaded (it is small and the fallback of tests that call faces
 * directly); Chinese loads only when a run asks for it, so `--help` in English loads nothing more.
 * The language is chosen once per process, at start-up (src/cli.ts), like the locale it mirrors.
 */
export type MessageKey = keyof typeof en;
export type Catalogue = { readonly [K in MessageKey]: string };

/** The `{name}` placeholders of a message, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type Values<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [Readonly<Record<Placeholders<(typeof en)[K]>, string | number>>];

let current: { readonly lang: Lang; readonly messages: Catalogue; readonly help?: HelpMirror } = { lang: 'en', messages: en };

export async function useLanguage(lang: Lang): Promise<void> {
  if (lang === 'en') {
    current = { lang, messages: en };
    return;
  }
  const [{ zhCN }, { zhCNHelp }] = await Promise.all([import('./zh-CN.js'), import('./zh-CN-help.js')]);
  current = { lang, messages: zhCN, help: zhCNHelp };
}

/** The command table's help in the run's language; undefined for English (the table itself). */
export function helpMirror(): HelpMirror | undefined {
  return current.help;
}

export function language(): Lang {
  return current.lang;
}

export function t<K extends MessageKey>(key: K, ...values: Values<K>): string {
  return fill(current.messages[key], (values[0] ?? {}) as Readonly<Record<string, string | number>>);
}

/** Fills `{name}` from values; a placeholder without a value stays as written (the catalogue test forbids that). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The placeholder names of a message, for the catalogue check. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}
