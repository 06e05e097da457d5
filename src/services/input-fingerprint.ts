import { createHash } from 'node:crypto';
import type { PolicyRow } from '../core/policy-row.js';
import { identityOf, type ResultIdentity } from '../core/result.js';

/**
 * A short fingerprint of the input rows (line, region and every field), the same for the same CSV
 * whatever its encoding or line ends, so a --resume file can be matched to the input it came from.
 */
export function inputFingerprint(rows: readonly PolicyRow[], invalid: readonly ResultIdentity[] = []): string {
  return identitiesFingerprint([...rows.map(identityOf), ...invalid]);
}

/**
 * The same fingerprint from the identity columns every results export carries, so an export is
 * matched to its input as surely as a journal is (whose lines name the fingerprint).
 */
export function identitiesFingerprint(identities: readonly ResultIdentity[]): string {
  const hash = createHash('sha256');
  const all = identities
    .map((r) => [r.line, r.Region, r.RegistryId, r.NamespaceName, r.Name, r.KmsId, r.KmsRegion, r.Domain, r.Disabled] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const fields of all) hash.update(`${JSON.stringify(fields)}\n`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A sign-images run's input: its scope (registries, region, namespaces, patterns, the namespaces of
 * --from), the same whatever order the lists were given in, so --resume can tell this scope's record
 * from another's (or from a batch's, whose fingerprints are of CSV rows).
 */
export function scopeFingerprint(scope: Readonly<Record<string, string | boolean | readonly string[] | undefined>>): string {
  const normal = Object.keys(scope).sort().map((k) => {
    const v = scope[k];
    return [k, Array.isArray(v) ? [...(v as readonly string[])].sort() : v ?? null];
  });
  return `images-${createHash('sha256').update(JSON.stringify(normal)).digest('hex').slice(0, 16)}`;
}
