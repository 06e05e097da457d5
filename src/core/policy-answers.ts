import { DEFAULT_ENDPOINT } from './endpoint.js';
import type { InputColumn } from './policy-row.js';

/** What the one-policy wizard has learned so far; each field is filled by one question. */
export interface PolicyAnswers {
  readonly region?: string;
  readonly registryId?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly kmsRegion?: string;
  readonly kmsId?: string;
  /** Empty string: asked, and left to the instance domain. */
  readonly domain?: string;
  readonly disabled?: boolean;
}

/** Where the wizard talks to, carried into the command line it prints. */
export interface Connection {
  /** Every --endpoint given (one URL, or REGION=URL entries). */
  readonly endpoint?: string | readonly string[];
  readonly profile?: string;
}

export function defaultPolicyName(namespace: string): string {
  return `${namespace}-signing`;
}

/**
 * A new namespace answer. A name that was only the default of the old namespace follows the new
 * one; a name the user typed stays.
 */
export function withNamespace(answers: PolicyAnswers, namespace: string): PolicyAnswers {
  const followed = answers.namespace !== undefined && answers.name === defaultPolicyName(answers.namespace);
  return { ...answers, namespace, name: followed ? undefined : answers.name };
}

/** A new region answer: a KMS region that only followed the old one follows the new one. */
export function withRegion(answers: PolicyAnswers, region: string): PolicyAnswers {
  const followed = answers.kmsRegion === undefined || answers.kmsRegion === answers.region;
  return { ...answers, region, kmsRegion: followed ? undefined : answers.kmsRegion };
}

/** Which `create` flag fills which column of the one-row table, and which answer holds it. */
export const CREATE_FLAGS: readonly (readonly [string, InputColumn, 'registryId' | 'namespace' | 'name' | 'kmsId' | 'kmsRegion' | 'domain'])[] = [
  ['registry-id', 'RegistryId', 'registryId'],
  ['namespace', 'NamespaceName', 'namespace'],
  ['name', 'Name', 'name'],
  ['kms-id', 'KmsId', 'kmsId'],
  ['kms-region', 'KmsRegion', 'kmsRegion'],
  ['domain', 'Domain', 'domain'],
];

/** The answers a set of `create` flags already gives (values of the wrong type are ignored). */
export function flagsToAnswers(flags: Readonly<Record<string, string | boolean | readonly string[] | undefined>>): PolicyAnswers {
  const text = (name: string): string | undefined => {
    const v = flags[name];
    return typeof v === 'string' ? v.trim() : undefined;
  };
  return {
    region: text('region'),
    ...Object.fromEntries(CREATE_FLAGS.map(([flag, , key]) => [key, text(flag)])),
    disabled: flags.disabled === true ? true : undefined,
  };
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for a POSIX shell: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The non-interactive command that does what the answers describe, to reuse in a script. */
export function createCommandLine(answers: PolicyAnswers, connection: Connection = {}): string {
  const words = ['tcr-sigpolicy', 'create'];
  const add = (flag: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') words.push(`--${flag}`, shellQuote(value));
  };
  for (const [flag, , key] of CREATE_FLAGS) {
    // --kms-region '' is a choice (the registry's region), so it is written even when empty.
    if (key === 'kmsRegion') words.push('--kms-region', shellQuote(answers.kmsRegion ?? ''));
    else add(flag, answers[key]);
  }
  if (answers.disabled) words.push('--disabled');
  add('region', answers.region);
  for (const endpoint of [connection.endpoint ?? []].flat()) if (endpoint !== DEFAULT_ENDPOINT) add('endpoint', endpoint);
  add('profile', connection.profile);
  words.push('--yes');
  return words.join(' ');
}
