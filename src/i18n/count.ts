import { t, type MessageKey } from './messages.js';

type CountKey = Extract<MessageKey, `count.${string}`>;

/**
 * `count('count.row', 3)` → "3 rows" / "3 行". A `count.*` message holds its forms as `one|other`
 * (English); a language without plural forms (Chinese) writes one.
 */
export function count(key: CountKey, n: number, values: Readonly<Record<string, string>> = {}): string {
  const forms = (t as (k: CountKey, v: Readonly<Record<string, string>>) => string)(key, { ...values, n: String(n) }).split('|');
  return (n === 1 ? forms[0] : forms[forms.length - 1]) ?? '';
}
