import { policyKey, type PolicyRow } from './policy-row.js';
import { t } from '../i18n/messages.js';

/** The one key usage TCR accepts for image signing, and the state the key must be in. */
export const SIGNING_KEY_USAGE = 'ASYMMETRIC_SIGN_VERIFY_RSA_2048';
export const USABLE_KEY_STATE = 'Enabled';

/** What the read-only calls found out. A `null` entry was looked up and does not exist. */
export interface PreflightFacts {
  /** By RegistryId, from DescribeInstances: where the registry lives and its Status. */
  readonly registries: ReadonlyMap<string, RegistryFact | null>;
  /** By RegistryId, from DescribeNamespaces: every namespace, and those that already sign. */
  readonly namespaces: ReadonlyMap<string, NamespaceFact>;
  /** By `keyFactId(KmsId, region)`, from DescribeKeys in that region. */
  readonly keys: ReadonlyMap<string, KeyFact | null>;
  /** By RegistryId, from DescribeInstanceCustomizedDomain: read only for registries some row names a Domain in. */
  readonly domains?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface RegistryFact {
  readonly region: string;
  readonly status: string;
}

export interface NamespaceFact {
  readonly names: ReadonlySet<string>;
  readonly signing: ReadonlySet<string>;
}

export interface KeyFact {
  readonly state: string;
  readonly usage: string;
}

export type PlanVerdict = 'create' | 'skip' | 'blocked';

export interface RowPlan {
  readonly row: PolicyRow;
  readonly verdict: PlanVerdict;
  /** `Blocked.<Reason>` for a blocked row (the first reason when there are several). */
  readonly code?: string;
  /** Why the row is skipped or blocked, every reason in one line. */
  readonly reason?: string;
}

export const KEY_ID_SEPARATOR = '@';
export const keyFactId = (keyId: string, region: string): string => `${keyId}${KEY_ID_SEPARATOR}${region}`;

/** The region a row's key is looked up in: its KmsRegion, or (when empty) the region of its registry. */
export function kmsRegionOf(row: PolicyRow): string {
  return row.request.KmsRegion || row.region;
}

export interface Block {
  readonly code: string;
  readonly reason: string;
}

/**
 * Decides one row from the facts, the way the API would answer it, without sending anything:
 * `skip` when the namespace already signs (one policy per namespace), `blocked` with every reason the
 * API would refuse it for, else `create`.
 */
export function planRow(row: PolicyRow, facts: PreflightFacts): RowPlan {
  const { RegistryId, NamespaceName } = row.request;
  const blocks: Block[] = [];
  const registry = registryBlock(row, facts.registries.get(RegistryId));
  if (registry) blocks.push(registry);
  else {
    const namespaces = facts.namespaces.get(RegistryId);
    if (!namespaces) throw new Error(`preflight facts lack the namespaces of ${RegistryId}`);
    if (namespaces.signing.has(NamespaceName)) {
      return { row, verdict: 'skip', reason: t('plan.skipSigning', { namespace: NamespaceName }) };
    }
    if (!namespaces.names.has(NamespaceName)) {
      blocks.push({ code: 'Blocked.NamespaceNotFound', reason: t('plan.namespaceNotFound', { namespace: NamespaceName, registry: RegistryId }) });
    }
    const domain = domainBlock(row, facts.domains?.get(RegistryId));
    if (domain) blocks.push(domain);
  }
  const key = keyBlock(row, facts.keys);
  if (key) blocks.push(key);
  const [first] = blocks;
  if (!first) return { row, verdict: 'create' };
  return { row, verdict: 'blocked', code: first.code, reason: blocks.map((b) => b.reason).join(t('plan.reasonSeparator')) };
}

function registryBlock(row: PolicyRow, fact: RegistryFact | null | undefined): Block | undefined {
  const id = row.request.RegistryId;
  if (fact === undefined) throw new Error(`preflight facts lack registry ${id}`);
  if (fact === null) return { code: 'Blocked.RegistryNotFound', reason: t('plan.registryNotFound', { registry: id }) };
  if (fact.region !== row.region) {
    return { code: 'Blocked.RegistryInOtherRegion', reason: t('plan.registryOtherRegion', { registry: id, actual: fact.region, region: row.region }) };
  }
  if (fact.status !== 'Running') {
    return { code: 'Blocked.RegistryNotRunning', reason: t('plan.registryNotRunning', { registry: id, status: fact.status }) };
  }
  return undefined;
}

/** A non-empty Domain must be one of the registry's custom domains; empty signs under the registry's own. */
function domainBlock(row: PolicyRow, custom: ReadonlySet<string> | undefined): Block | undefined {
  const { Domain, RegistryId } = row.request;
  if (!Domain) return undefined;
  if (custom === undefined) throw new Error(`preflight facts lack the custom domains of ${RegistryId}`);
  if (custom.has(Domain)) return undefined;
  const known = custom.size > 0 ? [...custom].sort().join(', ') : t('plan.noCustomDomains');
  return { code: 'Blocked.DomainNotFound', reason: t('plan.domainNotFound', { domain: Domain, registry: RegistryId, known }) };
}

function keyBlock(row: PolicyRow, keys: PreflightFacts['keys']): Block | undefined {
  const { KmsId } = row.request;
  const region = kmsRegionOf(row);
  const fact = keys.get(keyFactId(KmsId, region));
  if (fact === undefined) throw new Error(`preflight facts lack KMS key ${KmsId} in ${region}`);
  const where = t(row.request.KmsRegion ? 'plan.keyRegionOwn' : 'plan.keyRegionRegistry', { region });
  return signingKeyProblem(KmsId, fact, where);
}

/** Why a key cannot sign images, or undefined when it can; `where` names the region it was looked up in. */
export function signingKeyProblem(KmsId: string, fact: KeyFact | null, where: string): Block | undefined {
  if (fact === null) return { code: 'Blocked.KeyNotFound', reason: t('plan.keyNotFound', { key: KmsId, where }) };
  if (fact.state !== USABLE_KEY_STATE) {
    return { code: 'Blocked.KeyNotEnabled', reason: t('plan.keyNotEnabled', { key: KmsId, state: fact.state, usable: USABLE_KEY_STATE }) };
  }
  if (fact.usage !== SIGNING_KEY_USAGE) {
    return { code: 'Blocked.KeyUsage', reason: t('plan.keyUsage', { key: KmsId, usage: fact.usage, needed: SIGNING_KEY_USAGE }) };
  }
  return undefined;
}

export function planRows(rows: readonly PolicyRow[], facts: PreflightFacts): RowPlan[] {
  return rows.map((row) => planRow(row, facts));
}

/** `RegistryId/NamespaceName` of a planned row, as events and results name it. */
export const planKey = (plan: RowPlan): string => policyKey(plan.row.request);
