import { isKnownRegion, unknownRegionMessage } from './regions.js';
import { t } from '../i18n/messages.js';

/** A rule returns why a value is wrong, in words a user can act on, or undefined when it is fine. */
export type FieldRule = (value: string) => string | undefined;

const REGISTRY_ID = /^tcr-[a-z0-9]+$/;
const NAMESPACE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const CONSOLE_POLICY_NAME = /^[a-z0-9._/-]{2,50}$/;
const KMS_KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The longest value a field may hold (SPEC): anything longer is a mistake, not a name. */
export const MAX_FIELD_LENGTH = 1000;

// Line breaks are allowed: RFC 4180 quoting carries them inside a quoted value (fixtures/ok/quoted-fields.csv).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** What every field must be, whatever its column: not over-long, no NUL or other control character. */
export const checkField: FieldRule = (v) => {
  if (v.length > MAX_FIELD_LENGTH) return t('field.tooLong', { length: v.length.toLocaleString('en-US'), max: MAX_FIELD_LENGTH.toLocaleString('en-US') });
  const at = v.search(CONTROL);
  if (at === -1) return undefined;
  const code = v.charCodeAt(at);
  const name = code === 0 ? t('field.nul') : t('field.control', { code: code.toString(16).toUpperCase().padStart(4, '0') });
  return t('field.controlAt', { what: name, at: at + 1 });
};

export const checkRegistryId: FieldRule = (v) =>
  REGISTRY_ID.test(v) ? undefined : t('field.registryId');

export const checkNamespace: FieldRule = (v) => {
  if (v.length < 2 || v.length > 30) return t('field.namespaceLength', { length: v.length });
  if (!/^[a-z0-9._-]+$/.test(v)) return t('field.namespaceChars');
  if (!NAMESPACE.test(v)) return t('field.namespaceShape');
  return undefined;
};

/** The console's rule for policy names. The API itself accepts more, so breaking it is only a warning. */
export const checkPolicyNameStyle: FieldRule = (v) =>
  CONSOLE_POLICY_NAME.test(v)
    ? undefined
    : t('field.policyNameStyle');

export const checkKmsId: FieldRule = (v) =>
  KMS_KEY_ID.test(v) ? undefined : t('field.kmsId');

export const checkRegion: FieldRule = (v) => (isKnownRegion(v) ? undefined : unknownRegionMessage());

export const checkDomain: FieldRule = (v) => {
  const labels = v.split('.');
  const ok = v.length <= 253 && labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l));
  return ok ? undefined : t('field.domain');
};

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

/** Parses a Disabled cell: a boolean, undefined for empty, or an error message. */
export function parseDisabled(v: string): { value?: boolean; error?: string } {
  const word = v.toLowerCase();
  if (word === '') return {};
  if (TRUE_WORDS.has(word)) return { value: true };
  if (FALSE_WORDS.has(word)) return { value: false };
  return { error: t('field.disabled') };
}
