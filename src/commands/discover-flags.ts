import picomatch from 'picomatch';
import { endpointsFlag, stringFlag, type FlagValues } from '../cli/parse-flags.js';
import { checkNameTemplate, DEFAULT_NAME_TEMPLATE, type DiscoverRequest } from '../core/discover-rows.js';
import type { Endpoints } from '../core/endpoint.js';
import { InputError, UsageError } from '../core/errors.js';
import { checkDomain, checkKmsId, checkRegion, checkRegistryId, type FieldRule } from '../core/field-rules.js';
import type { Problem } from '../core/problem.js';
import { guardOut } from '../services/export-results.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { defaultRegion } from '../services/default-region.js';
import { readRegistryScope } from './registry-scope-flags.js';
import { t } from '../i18n/messages.js';

export interface DiscoverFlags {
  readonly request: DiscoverRequest;
  readonly endpoint: Endpoints;
  readonly profile?: string;
  readonly out?: string;
  /** With --all-registries: the registries to read (request.registryId and request.region are then per registry). */
  readonly scope?: RegistryScope;
}

const REQUIRED = ['registry-id', 'kms-id', 'kms-region'];
/** Across regions one key serves every row, so where it lives must be said. */
const REQUIRED_ALL = ['kms-id', 'kms-region'];

/** The discover flags, checked with the intake's own field rules, every problem at once. */
export function readDiscoverFlags(values: FlagValues, env: NodeJS.ProcessEnv = process.env): DiscoverFlags {
  const all = values['all-registries'] === true;
  const missing = (all ? REQUIRED_ALL : REQUIRED).filter((f) => values[f] === undefined || (all && f === 'kms-region' && values[f] === ''));
  if (missing.length > 0) {
    const why = all ? t('discover.allNeedsRegion') : '';
    throw new UsageError(`${t('cmd.missing', { flags: missing.map((f) => `--${f}`).join(', ') })}${why}`, t('discover.missingHint'));
  }
  const profile = stringFlag(values, 'profile');
  const region = defaultRegion(stringFlag(values, 'region'), profile, env) ?? '';
  const flag = (name: string): string => (stringFlag(values, name) ?? '').trim();
  const problems: Problem[] = [];
  const check = (name: string, value: string, rule: FieldRule): void => {
    const why = rule(value);
    if (why) problems.push({ severity: 'error', line: 0, column: `--${name}`, value, message: why });
  };
  const scope = all ? readRegistryScope(values, problems, env) : undefined;
  if (!all) {
    check('registry-id', flag('registry-id'), checkRegistryId);
    if (!region) problems.push({ severity: 'error', line: 0, column: '--region', message: t('discover.regionNeeded') });
    else check('region', region, checkRegion);
  }
  check('kms-id', flag('kms-id'), checkKmsId);
  if (flag('kms-region')) check('kms-region', flag('kms-region'), checkRegion);
  if (flag('domain')) check('domain', flag('domain'), checkDomain);
  const nameTemplate = stringFlag(values, 'name') ?? DEFAULT_NAME_TEMPLATE;
  check('name', nameTemplate, (v) => checkNameTemplate(v));
  if (problems.length > 0) throw new InputError(t('discover.invalidFlags'), '', problems, t('cmd.fixFlags'));

  const out = stringFlag(values, 'out');
  // Before any call: the CSV may be one the user just edited, or a batch's results file.
  if (out) guardOut(out, { force: values.force === true });
  const glob = (name: string): ((ns: string) => boolean) | undefined => {
    const pattern = stringFlag(values, name);
    return pattern ? picomatch(pattern) : undefined;
  };
  return {
    request: {
      registryId: flag('registry-id'),
      region,
      kmsId: flag('kms-id'),
      kmsRegion: flag('kms-region'),
      nameTemplate,
      domain: flag('domain') || undefined,
      match: glob('match'),
      exclude: glob('exclude'),
      unsignedOnly: values['unsigned-only'] === true,
    },
    endpoint: endpointsFlag(values),
    profile,
    out,
    scope,
  };
}
