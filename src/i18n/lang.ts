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
