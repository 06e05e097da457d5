import { en } from './en.js';
import type { HelpMirror } from './help-text.js';
import type { Lang } from './lang.js';

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
