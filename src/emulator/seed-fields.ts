import { SCRIPTED_FAULTS, type ScriptedFault } from './seed-format.js';

/**
 * Field readers for seed validation. Each records a problem (with the JSON path) instead of throwing,
 * so a broken seed is reported in full rather than one mistake per run.
 */
export class SeedProblems {
  readonly list: string[] = [];

  add(path: string, why: string): void {
    this.list.push(`${path}: ${why}`);
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flags keys the format does not know, which are most often typos (`kmskeys`, `Namespace`). */
export function checkKeys(obj: JsonObject, allowed: readonly string[], path: string, problems: SeedProblems): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.add(`${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
  }
}

export function requiredText(obj: JsonObject, key: string, path: string, problems: SeedProblems): string {
  const value = obj[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.add(`${path}.${key}`, value === undefined ? 'missing' : 'must be a non-empty string');
  return '';
}

export function optionalText(
  obj: JsonObject,
  key: string,
  fallback: string,
  path: string,
  problems: SeedProblems,
): string {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  problems.add(`${path}.${key}`, 'must be a string');
  return fallback;
}

export function optionalFlag(obj: JsonObject, key: string, path: string, problems: SeedProblems): boolean {
  const value = obj[key];
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  problems.add(`${path}.${key}`, 'must be true or false');
  return false;
}

/** The entries of an optional list; a missing list is empty. */
export function listOf(obj: JsonObject, key: string, path: string, problems: SeedProblems): readonly unknown[] {
  const value = obj[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  problems.add(`${path}.${key}`, 'must be a list');
  return [];
}

/** A `Faults` list (a namespace's, an account's): the scripted answers, in order. */
export function readFaults(obj: JsonObject, path: string, problems: SeedProblems): ScriptedFault[] {
  return listOf(obj, 'Faults', path, problems).flatMap((fault, i): ScriptedFault[] => {
    if ((SCRIPTED_FAULTS as readonly unknown[]).includes(fault)) return [fault as ScriptedFault];
    problems.add(`${path}.Faults[${i}]`, `must be one of ${SCRIPTED_FAULTS.join(', ')}`);
    return [];
  });
}
