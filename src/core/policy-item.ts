import { policyKey, type PolicyRow } from './policy-row.js';
import { identityOf, RESULT_COLUMNS, resultOf, type RowResult } from './result.js';
import type { ItemKind } from './work-item.js';

/** A policy row as a work item: one per namespace of a registry, named `registry/namespace`. */
export const POLICY_ITEMS: ItemKind<PolicyRow, RowResult> = {
  identity: identityOf,
  key: policyKey,
  label: (id) => `${id.RegistryId}/${id.NamespaceName}`,
  result: resultOf,
  columns: RESULT_COLUMNS,
};
