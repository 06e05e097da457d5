import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { endpointsFlag, stringFlag, type FlagValues } from '../cli/parse-flags.js';
import type { Endpoints } from '../core/endpoint.js';
import { InputError, UsageError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { readRegistryScope } from './registry-scope-flags.js';

export type CoverageFormat = 'csv' | 'json';

export interface StatusFlags {
  readonly scope: RegistryScope;
  readonly endpoint: Endpoints;
  readonly profile?: string;
  readonly json: boolean;
  readonly out?: { readonly path: string; readonly format: CoverageFormat };
}

/** The status flags, every problem at once; --out is checked before any call is made. */
export function readStatusFlags(values: FlagValues, env: NodeJS.ProcessEnv = process.env): StatusFlags {
  const problems: Problem[] = [];
  const scope = readRegistryScope(values, problems, env);
  if (problems.length > 0) throw new InputError('the flags do not say which registries to read; nothing was read', '', problems, 'fix the flags above and run again');
  const path = stringFlag(values, 'out');
  return {
    scope,
    endpoint: endpointsFlag(values),
    profile: stringFlag(values, 'profile'),
    json: values.json === true,
    out: path ? { path, format: checkOut(path, values.force === true) } : undefined,
  };
}

function checkOut(path: string, force: boolean): CoverageFormat {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new UsageError(`--out '${path}': unknown format '${ext || '(no extension)'}'`, 'name the file .csv or .json');
  if (existsSync(path) && !force) throw new UsageError(`--out ${path} already exists`, 'pass --force to replace it, or choose another name');
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${path}: no such directory, or not writable`, 'check the --out path');
  }
  return ext.slice(1) as CoverageFormat;
}
