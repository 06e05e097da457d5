import { API_ACTIONS } from './api-actions.js';
import type { PolicyRow } from './policy-row.js';

export const CREATE_ACTION = 'CreateSignaturePolicy';

/** Exactly what would go on the wire for one row. */
export interface RequestPreview {
  readonly action: string;
  readonly version: string;
  /** The X-TC-Region header. */
  readonly region: string;
  readonly endpoint: string;
  /** The JSON body, byte for byte as the SDK serialises it (plain strings and booleans, keys in order). */
  readonly body: string;
}

export function previewRequest(row: PolicyRow, endpoint: string): RequestPreview {
  return { action: CREATE_ACTION, version: API_ACTIONS[CREATE_ACTION].version, region: row.region, endpoint, body: JSON.stringify(row.request) };
}
