import { stringFlag, type FlagValues } from '../cli/parse-flags.js';
import { checkRegion, checkRegistryId } from '../core/field-rules.js';
import type { Problem } from '../core/problem.js';
import type { RegistryScope } from '../services/read-coverage.js';
import { defaultRegion } from '../services/default-region.js';
import { t } from '../i18n/messages.js';

/** Where a listing over every region is sent when nothing names a region: any region answers it. */
const LISTING_REGION = 'ap-guangzhou';

/**
 * The registries `status` and `discover --all-registries` look at: every region unless --region
 * narrows it, every registry unless --registry-id (comma-separated) does. Problems are pushed, not thrown.
 */
export function readRegistryScope(values: FlagValues, problems: Problem[], env: NodeJS.ProcessEnv = process.env): RegistryScope {
  const region = stringFlag(values, 'region')?.trim();
  const ids = (stringFlag(values, 'registry-id') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const check = (flag: string, value: string, why: string | undefined): void => {
    if (why) problems.push({ severity: 'error', line: 0, column: `--${flag}`, value, message: why });
  };
  if (region !== undefined) check('region', region, checkRegion(region));
  for (const id of ids) check('registry-id', id, checkRegistryId(id));
  if (region) return { region, allRegions: false, ids };
  const home = defaultRegion(undefined, stringFlag(values, 'profile'), env) || LISTING_REGION;
  return { region: checkRegion(home) ? LISTING_REGION : home, allRegions: true, ids };
}

/** "every region", "ap-guangzhou", plus the ids when narrowed: for the lines that say what was read. */
export function describeScope(scope: RegistryScope): string {
  const where = scope.allRegions ? t('status.everyRegion') : scope.region;
  return scope.ids.length > 0 ? t('status.scopeIds', { ids: scope.ids.join(', '), where }) : where;
}
