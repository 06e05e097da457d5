/** A registry as DescribeInstances lists it. */
export interface RegistryListing {
  readonly registryId: string;
  readonly region: string;
  readonly status: string;
  /** The CAM role of the account the registry was listed in; absent: the base credentials. */
  readonly roleArn?: string;
}

/** Why a registry's namespaces could not be read: the failed read's code, message and RequestId. */
export interface ReadFailure {
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
  /** What the user can do about it. */
  readonly hint: string;
}

/** One registry's signing coverage, or why it could not be read. */
export type RegistryCoverage = RegistryListing &
  (
    | { readonly namespaces: number; readonly signing: number; readonly notSigning: number; readonly error?: undefined }
    | { readonly namespaces?: undefined; readonly signing?: undefined; readonly notSigning?: undefined; readonly error: ReadFailure }
  );

export interface CoverageTotals {
  readonly registries: number;
  /** Registries whose namespaces could not be read (not counted in the figures below). */
  readonly unreadable: number;
  readonly namespaces: number;
  readonly signing: number;
  readonly notSigning: number;
}

/** The coverage of a registry from its namespace names and the names of those that sign. */
export function coverageOf(registry: RegistryListing, names: ReadonlySet<string>, signing: ReadonlySet<string>): RegistryCoverage {
  // A namespace that signs is counted only when the full list has it too, so the figures always add up.
  const signed = [...signing].filter((n) => names.has(n)).length;
  return { ...registry, namespaces: names.size, signing: signed, notSigning: names.size - signed };
}

export function coverageTotals(rows: readonly RegistryCoverage[]): CoverageTotals {
  const sum = (pick: (r: RegistryCoverage) => number | undefined): number => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);
  return {
    registries: rows.length,
    unreadable: rows.filter((r) => r.error).length,
    namespaces: sum((r) => r.namespaces),
    signing: sum((r) => r.signing),
    notSigning: sum((r) => r.notSigning),
  };
}

/**
 * Whole percent of namespaces that sign, rounded down so that 299 of 300 never shows as 100%;
 * null when there is nothing to cover.
 */
export function coveragePercent(c: { readonly namespaces?: number; readonly signing?: number }): number | null {
  if (!c.namespaces) return null;
  return Math.floor(((c.signing ?? 0) * 100) / c.namespaces);
}

export function formatPercent(c: { readonly namespaces?: number; readonly signing?: number }): string {
  const percent = coveragePercent(c);
  return percent === null ? '-' : `${percent}%`;
}

/** The registries some rows go to, each once, in the order every face shows. */
export function registriesOf(rows: readonly { readonly region: string; readonly request: { readonly RegistryId: string } }[]): RegistryListing[] {
  const seen = new Map<string, RegistryListing>();
  for (const r of rows) seen.set(`${r.region}/${r.request.RegistryId}`, { registryId: r.request.RegistryId, region: r.region, status: '' });
  return [...seen.values()].sort(byRegionThenId);
}

/** Sorted by region, then id: the order every face shows. */
export function byRegionThenId(a: RegistryListing, b: RegistryListing): number {
  return a.region.localeCompare(b.region) || a.registryId.localeCompare(b.registryId);
}
