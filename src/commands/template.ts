import { INPUT_COLUMNS } from '../core/policy-row.js';

/** Header and one example row, taken from the API's own documented example. */
export const TEMPLATE_CSV = [
  ['Region', 'RegistryId', 'NamespaceName', 'Name', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'],
  ['ap-guangzhou', 'tcr-f7g1ir99', 'library', 'library-signing', '08408a30-0416-11ed-abdc-52540036b432', 'ap-guangzhou', '', 'false'],
]
  .map((r) => r.join(','))
  .join('\n');

export async function run(): Promise<number> {
  // Every input column must be in the template but RoleArn, which only runs over several accounts need
  // (docs/accounts.md); a test checks the header against INPUT_COLUMNS too.
  if (INPUT_COLUMNS.length - 1 !== TEMPLATE_CSV.split('\n')[0]?.split(',').length) throw new Error('template is missing a column');
  process.stdout.write(`${TEMPLATE_CSV}\n`);
  return 0;
}
