import type { RowCells } from './validate-row.js';
import { t } from '../i18n/messages.js';

/** Placeholders a `--name` template may use. */
export const NAME_PLACEHOLDERS = ['namespace', 'registry', 'region'] as const;
export const DEFAULT_NAME_TEMPLATE = '{namespace}-signing';

/** Why a name template cannot be used, or undefined when it can. */
export function checkNameTemplate(template: string): string | undefined {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '').filter((p) => !(NAME_PLACEHOLDERS as readonly string[]).includes(p));
  const braced = (names: readonly string[]): string => names.map((p) => `{${p}}`).join(', ');
  if (/\{[^}]*$/.test(template)) return t('discover.unclosedBrace', { open: '{', close: '}' });
  if (unknown.length > 0) return t('discover.unknownPlaceholder', { unknown: braced(unknown), known: braced(NAME_PLACEHOLDERS) });
  if (!template.includes('{namespace}')) return t('discover.needsNamespace', { placeholder: '{namespace}' });
  return undefined;
}

export function renderName(template: string, values: Readonly<Record<(typeof NAME_PLACEHOLDERS)[number], string>>): string {
  return template.replace(/\{(namespace|registry|region)\}/g, (_, key: keyof typeof values) => values[key]);
}

export interface DiscoverRequest {
  readonly registryId: string;
  readonly region: string;
  readonly kmsId: string;
  /** May be empty: the registry's region. */
  readonly kmsRegion: string;
  readonly nameTemplate: string;
  readonly domain?: string;
  /** Kept when true (`--match`); every namespace when absent. */
  readonly match?: (namespace: string) => boolean;
  /** Dropped when true (`--exclude`). */
  readonly exclude?: (namespace: string) => boolean;
  /** Drop namespaces that already have a signature policy. */
  readonly unsignedOnly: boolean;
}

export interface Discovered {
  /** One row of CSV cells per kept namespace, sorted by name. */
  readonly rows: readonly RowCells[];
  /** How many namespaces each filter dropped, for the summary line. */
  readonly dropped: { readonly match: number; readonly exclude: number; readonly signing: number };
}

/** Turns a registry's namespaces into batch input rows: filtered, named by the template, ready to review. */
export function discoverRows(namespaces: Iterable<string>, signing: ReadonlySet<string>, o: DiscoverRequest): Discovered {
  const dropped = { match: 0, exclude: 0, signing: 0 };
  const rows: RowCells[] = [];
  for (const namespace of [...namespaces].sort()) {
    if (o.match && !o.match(namespace)) dropped.match += 1;
    else if (o.exclude?.(namespace)) dropped.exclude += 1;
    else if (o.unsignedOnly && signing.has(namespace)) dropped.signing += 1;
    else {
      rows.push({
        Region: o.region,
        RegistryId: o.registryId,
        NamespaceName: namespace,
        Name: renderName(o.nameTemplate, { namespace, registry: o.registryId, region: o.region }),
        KmsId: o.kmsId,
        KmsRegion: o.kmsRegion,
        Domain: o.domain ?? '',
        Disabled: '',
      });
    }
  }
  return { rows, dropped };
}

/** The rows of several registries as one file, in the given order, with the drops added up. */
export function mergeDiscovered(parts: readonly Discovered[]): Discovered {
  const dropped = { match: 0, exclude: 0, signing: 0 };
  for (const p of parts) {
    dropped.match += p.dropped.match;
    dropped.exclude += p.dropped.exclude;
    dropped.signing += p.dropped.signing;
  }
  return { rows: parts.flatMap((p) => p.rows), dropped };
}
