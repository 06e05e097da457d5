import type { InputColumn, PolicyRequest, PolicyRow } from './policy-row.js';
import type { Problem } from './problem.js';
import {
  checkDomain, checkField, checkKmsId, checkNamespace, checkPolicyNameStyle, checkRegion, checkRegistryId, parseDisabled,
  type FieldRule,
} from './field-rules.js';
import { isRoleArn } from './role-arn.js';
import { t } from '../i18n/messages.js';

export type RowCells = Partial<Record<InputColumn, string>>;

/** Where a row without a Region cell is sent, and what to tell the user when there is none. */
export interface RowDefaults {
  readonly region?: string;
  /** The account of a row with an empty RoleArn cell (--role-arn). */
  readonly roleArn?: string;
}

export interface RowCheck {
  /** The row as it would be sent, when it has no errors. */
  readonly row?: PolicyRow;
  readonly problems: readonly Problem[];
}

const REQUIRED: readonly [InputColumn, FieldRule][] = [
  ['RegistryId', checkRegistryId],
  ['NamespaceName', checkNamespace],
  ['Name', () => undefined],
  ['KmsId', checkKmsId],
];

/** Checks one row's cells (already trimmed) against every column rule; reports all its problems. */
export function validateRow(line: number, cells: RowCells, defaults: RowDefaults): RowCheck {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], column: InputColumn, value: string, message: string): void => {
    problems.push({ severity, line, column, value, message });
  };
  // A field that is over-long or holds a control character gets that one error; its column's rule would only add noise.
  const broken = new Set<InputColumn>();
  for (const [column, value] of Object.entries(cells) as [InputColumn, string | undefined][]) {
    const why = value ? checkField(value) : undefined;
    if (why) {
      broken.add(column);
      report('error', column, value ?? '', why);
    }
  }
  const check = (column: InputColumn, rule: FieldRule): void => {
    const value = cells[column] ?? '';
    const why = broken.has(column) ? undefined : rule(value);
    if (why) report('error', column, value, why);
  };

  for (const [column, rule] of REQUIRED) {
    if (!cells[column]) report('error', column, '', t('field.required'));
    else check(column, rule);
  }
  const name = cells.Name ?? '';
  const nameStyle = name && !broken.has('Name') ? checkPolicyNameStyle(name) : undefined;
  if (nameStyle) report('warning', 'Name', name, nameStyle);
  if (cells.KmsRegion) check('KmsRegion', checkRegion);
  if (cells.Domain) check('Domain', checkDomain);
  if (cells.RoleArn) check('RoleArn', (arn) => (isRoleArn(arn) ? undefined : t('field.roleArn')));
  const disabled = parseDisabled(broken.has('Disabled') ? '' : (cells.Disabled ?? ''));
  if (disabled.error) report('error', 'Disabled', cells.Disabled ?? '', disabled.error);

  const region = cells.Region || defaults.region || '';
  if (!region) report('error', 'Region', '', t('field.regionMissing'));
  else if (cells.Region) check('Region', checkRegion);
  else if (checkRegion(region)) report('error', 'Region', region, t('field.defaultRegion', { why: checkRegion(region) ?? '' }));

  if (problems.some((p) => p.severity === 'error')) return { problems };
  const request: PolicyRequest = {
    RegistryId: cells.RegistryId ?? '',
    Name: name,
    NamespaceName: cells.NamespaceName ?? '',
    KmsId: cells.KmsId ?? '',
    KmsRegion: cells.KmsRegion ?? '',
    ...(cells.Domain ? { Domain: cells.Domain } : {}),
    ...(disabled.value !== undefined ? { Disabled: disabled.value } : {}),
  };
  const roleArn = cells.RoleArn || defaults.roleArn;
  return { row: { line, region, request, ...(roleArn ? { roleArn } : {}) }, problems };
}
