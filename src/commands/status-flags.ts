import { extname } from 'node:path';
import { endpointsFlag, stringFlag, type FlagValues } from '../cli/parse-flags.js';
import type { Endpoints } from '../core/endpoint.js';
import { InputError, UsageError } from '../core/errors.js';
import type { Problem } from '../core/problem.js';
import { guardOut } from '../services/export-results.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { readRegistryScope } from './registry-scope-flags.js';
import { t } from '../i18n/messages.js';

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
  if (problems.length > 0) throw new InputError(t('status.invalidFlags'), '', problems, t('cmd.fixFlags'));
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
  if (ext !== '.csv' && ext !== '.json') throw new UsageError(t('status.outFormat', { path, ext: ext || t('status.noExtension') }), t('status.outFormatHint'));
  guardOut(path, { force });
  return ext.slice(1) as CoverageFormat;
}
