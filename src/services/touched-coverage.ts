import { registriesOf, type RegistryCoverage } from '../core/coverage.js';
import type { PolicyRow } from '../core/policy-row.js';
import { byAccount } from '../core/role-arn.js';
import { accountApi, type TcrApi } from '../core/tcr-api.js';
import { createPreflightReader } from './preflight-reader.js';
import { readCoverage } from './read-coverage.js';

/**
 * The coverage of the registries `rows` went to, read after the run through a reader of its own
 * (the plan's reader caches what it read before the run).
 */
export async function readTouchedCoverage(api: TcrApi, rows: readonly PolicyRow[]): Promise<RegistryCoverage[]> {
  const perAccount = await Promise.all(
    byAccount(rows).map(async ([roleArn, own]) => {
      const reader = createPreflightReader(accountApi(api, roleArn));
      try {
        return await readCoverage(reader, registriesOf(own));
      } finally {
        reader.close();
      }
    }),
  );
  return perAccount.flat();
}
