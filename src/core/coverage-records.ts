import { coveragePercent, type RegistryCoverage } from './coverage.js';
import { neutraliseFormula } from './neutralise-formula.js';
import { t } from '../i18n/messages.js';

/** One registry as `--json` prints it and a `.json` export holds it. */
export interface CoverageRecord {
  /** The account's CAM role, when the registry was read through one. */
  readonly roleArn?: string;
  readonly registryId: string;
  readonly region: string;
  readonly status: string;
  /** null when the registry could not be read. */
  readonly namespaces: number | null;
  readonly signing: number | null;
  readonly notSigning: number | null;
  /** Whole percent signing, rounded down; null without namespaces or figures. */
  readonly coverage: number | null;
  readonly error?: { readonly code: string; readonly message: string; readonly requestId?: string };
}

export function coverageRecord(r: RegistryCoverage): CoverageRecord {
  const base = { ...(r.roleArn ? { roleArn: r.roleArn } : {}), registryId: r.registryId, region: r.region, status: r.status };
  if (r.error) {
    const { code, message, requestId } = r.error;
    return { ...base, namespaces: null, signing: null, notSigning: null, coverage: null, error: { code, message, ...(requestId ? { requestId } : {}) } };
  }
  return { ...base, namespaces: r.namespaces, signing: r.signing, notSigning: r.notSigning, coverage: coveragePercent(r) };
}

export const COVERAGE_COLUMNS = ['RegistryId', 'Region', 'Status', 'Namespaces', 'Signing', 'NotSigning', 'Coverage', 'ErrorCode', 'ErrorMessage', 'RequestId'] as const;

/** The cells of a `.csv` export row, formulas neutralised like the results export. */
export function coverageCsvRow(r: RegistryCoverage): string[] {
  const rec = coverageRecord(r);
  const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
  return [rec.registryId, rec.region, rec.status, cell(rec.namespaces), cell(rec.signing), cell(rec.notSigning), cell(rec.coverage), rec.error?.code ?? '', rec.error?.message ?? '', rec.error?.requestId ?? ''].map(neutraliseFormula);
}

/** A registry's coverage after a batch, as the `coverage` event carries it (the listing's status is not read). */
export type TouchedCoverage = Omit<CoverageRecord, 'status'>;

export function touchedCoverageOf(r: RegistryCoverage): TouchedCoverage {
  const { status: _status, ...rest } = coverageRecord(r);
  return rest;
}

/**
 * The coverage after a batch, on one line: "Coverage now: tcr-ab12cd34 27/27 signing (100%), tcr-… could
 * not be read (Code)." — or one registry a line when that would not fit in `width` columns.
 */
export function formatCoverageLine(rows: readonly TouchedCoverage[], width = Infinity): string {
  const parts = rows.map((r) =>
    r.error
      ? t('coverage.unreadable', { registry: r.registryId, code: r.error.code })
      : t('coverage.registry', { registry: r.registryId, signing: String(r.signing), namespaces: String(r.namespaces), coverage: r.coverage === null ? '-' : `${r.coverage}%` }),
  );
  const line = t('coverage.now', { parts: parts.join(', ') });
  return line.length <= width ? line : `${t('coverage.nowHeading')}\n${parts.map((p) => `  ${p}`).join('\n')}`;
}
