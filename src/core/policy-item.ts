import { policyKey, type PolicyRow } from './policy-row.js';
import { identityOf, RESULT_COLUMNS, resultColumns, resultOf, type RowResult } from './result.js';
import { isRoleArn } from './role-arn.js';
import { cellText as text, outcomeOfCells, type ItemKind } from './work-item.js';

/** A policy row as a work item: one per namespace of a registry, named `registry/namespace`. */
export const POLICY_ITEMS: ItemKind<PolicyRow, RowResult> = {
  identity: identityOf,
  key: policyKey,
  label: (id) => `${id.RegistryId}/${id.NamespaceName}`,
  result: resultOf,
  columns: RESULT_COLUMNS,
  exportColumns: (results) => resultColumns(results),
  read(c) {
    const outcome = outcomeOfCells(c);
    if (typeof c.RegistryId !== 'string' || typeof c.NamespaceName !== 'string' || !outcome) return undefined;
    const { status, ...rest } = outcome;
    return resultOf(
      {
        line: Number(c.line) || 0, Region: text(c.Region), RegistryId: c.RegistryId, NamespaceName: c.NamespaceName, Name: text(c.Name),
        KmsId: text(c.KmsId), KmsRegion: text(c.KmsRegion), Domain: text(c.Domain), Disabled: text(c.Disabled),
        ...(isRoleArn(text(c.RoleArn)) ? { RoleArn: text(c.RoleArn) } : {}),
      },
      status,
      rest,
    );
  },
};
