import { createHash } from 'node:crypto';
import type { PolicyRow } from '../core/policy-row.js';
import type { ResultIdentity } from '../core/result.js';

/**
 * A short fingerprint of the input rows (line, region and every field), the same for the same CSV
 * whatever its encoding or line ends, so a --resume file can be matched to the input it came from.
 */
export function inputFingerprint(rows: readonly PolicyRow[], invalid: readonly ResultIdentity[] = []): string {
  const hash = createHash('sha256');
  const all = [
    ...rows.map((r) => [r.line, r.region, r.request.RegistryId, r.request.NamespaceName, r.request.Name, r.request.KmsId, r.request.KmsRegion, r.request.Domain ?? '', String(r.request.Disabled ?? '')]),
    ...invalid.map((r) => [r.line, r.Region, r.RegistryId, r.NamespaceName, r.Name, r.KmsId, r.KmsRegion, r.Domain, r.Disabled]),
  ].sort((a, b) => (a[0] as number) - (b[0] as number));
  for (const fields of all) hash.update(`${JSON.stringify(fields)}\n`);
  return hash.digest('hex').slice(0, 16);
}
