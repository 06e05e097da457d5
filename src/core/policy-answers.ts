import { commandLine, type RunContext } from './command-line.js';
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

/** The non-interactive command that does what the answers describe, with what the wizard used, to reuse in a script. */
export function createCommandLine(answers: PolicyAnswers, context: RunContext = {}): string {
  const words = ['create'];
  for (const [flag, , key] of CREATE_FLAGS) {
    const value = answers[key];
    // --kms-region '' is a choice (the registry's region), so it is written even when empty.
    if (key === 'kmsRegion') words.push('--kms-region', value ?? '');
    else if (value !== undefined && value !== '') words.push(`--${flag}`, value);
  }
  if (answers.disabled) words.push('--disabled');
  return commandLine([...words, '--yes'], { ...context, region: answers.region ?? context.region });
}
