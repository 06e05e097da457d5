import { createHash } from 'node:crypto';
import type { PolicyRow } from '../core/policy-row.js';
import { identityOf, type ResultIdentity } from '../core/result.js';

/**
 * A short fingerprint of the input rows (line, region and every field), the same for the same CSV
 * whatever its encoding or line ends, so a --resume file can be matched to the input it came from.
 */
export function inputFingerprint(rows: readonly PolicyRow[], invalid: readonly ResultIdentity[] = []): string {
  // Each row's identity is made as it is hashed, not kept: a 50 MB file's rows are not copied meanwhile.
  return hashInLineOrder<PolicyRow | ResultIdentity>([...rows, ...invalid], (item) => ('request' in item ? identityOf(item) : item));
}

/**
 * The same fingerprint from the identity columns every results export carries, so an export is
 * matched to its input as surely as a journal is (whose lines name the fingerprint).
 */
export function identitiesFingerprint(identities: readonly ResultIdentity[]): string {
  return hashInLineOrder([...identities], (r) => r);
}

/** Hashes each item's identity fields in line order (a stable sort, only when they are not in order already). */
function hashInLineOrder<T extends { readonly line: number }>(items: T[], identity: (item: T) => ResultIdentity): string {
  if (!inLineOrder(items)) items.sort((a, b) => a.line - b.line);
  const hash = createHash('sha256');
  for (const item of items) {
    const r = identity(item);
    hash.update(`${JSON.stringify([r.line, r.Region, r.RegistryId, r.NamespaceName, r.Name, r.KmsId, r.KmsRegion, r.Domain, r.Disabled])}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

function inLineOrder(items: readonly { readonly line: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if ((items[i - 1] as { line: number }).line > (items[i] as { line: number }).line) return false;
  return true;
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
