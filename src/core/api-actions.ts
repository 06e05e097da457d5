import type { ApiService } from './tcr-api.js';

/** One API action the client sends: which service and version carry it, its documented limit, and whether it changes anything. */
export interface ApiActionSpec {
  readonly service: ApiService;
  readonly version: string;
  /** Documented requests per second (per action, access region and sub-account). */
  readonly limit: number;
  /** A write runs at --rate (never above `limit`); a read at its documented limit. */
  readonly kind: 'write' | 'read';
  /** The regions its API page lists, when it lists some (elsewhere the plan blocks it); absent: every region. */
  readonly regions?: readonly string[];
}

export const TCR_VERSION = '2019-09-24';
export const KMS_VERSION = '2019-01-18';

const tcrWrite = { service: 'tcr', version: TCR_VERSION, limit: 20, kind: 'write' } as const;
const tcrRead = (limit: number): ApiActionSpec => ({ service: 'tcr', version: TCR_VERSION, limit, kind: 'read' });
const kmsRead = { service: 'kms', version: KMS_VERSION, limit: 100, kind: 'read' } as const;

/**
 * Every action the client sends, in one table that the pacing (limit, write or read), the SDK client
 * (service and version) and the dry run's previews all read: a new action is one line here.
 */
export const API_ACTIONS = {
  CreateSignaturePolicy: tcrWrite,
  DeleteSignaturePolicy: tcrWrite,
  CreateSignature: {
    ...tcrWrite,
    regions: [
      'ap-bangkok', 'ap-beijing', 'ap-chengdu', 'ap-chongqing', 'ap-guangzhou', 'ap-hongkong', 'ap-jakarta', 'ap-mumbai', 'ap-nanjing', 'ap-seoul',
      'ap-shanghai', 'ap-shanghai-fsi', 'ap-shenzhen-fsi', 'ap-singapore', 'ap-tokyo', 'eu-frankfurt', 'na-ashburn', 'na-siliconvalley', 'sa-saopaulo',
    ],
  },
  DescribeInstances: tcrRead(100),
  DescribeNamespaces: tcrRead(100),
  DescribeInstanceCustomizedDomain: tcrRead(20),
  DescribeRepositories: tcrRead(100),
  DescribeImages: tcrRead(100),
  DescribeRegions: tcrRead(20),
  ListKeyDetail: kmsRead,
  DescribeKeys: kmsRead,
} as const satisfies Readonly<Record<string, ApiActionSpec>>;

export type ApiAction = keyof typeof API_ACTIONS;

/** Whether the API documentation offers an action in a region. */
export function offeredIn(action: string, region: string): boolean {
  const { regions } = actionSpec(action);
  return regions === undefined || regions.includes(region);
}

/** The table's entry for an action; an action missing from it is a bug in the tool, not a user's mistake. */
export function actionSpec(action: string): ApiActionSpec {
  const spec = (API_ACTIONS as Readonly<Record<string, ApiActionSpec>>)[action];
  if (!spec) throw new Error(`the API action ${action} is not in API_ACTIONS (src/core/api-actions.ts)`);
  return spec;
}
