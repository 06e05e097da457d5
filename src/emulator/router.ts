import type { ActionHandler } from './actions/action-context.js';
import { listKeyDetail, describeKeys } from './actions/kms-actions.js';
import { createSignature, describeImages, describeRepositories } from './actions/image-actions.js';
import { describeNamespaces } from './actions/namespace-actions.js';
import { describeInstanceCustomizedDomain, describeInstances, describeRegions } from './actions/registry-actions.js';
import { createSignaturePolicy, deleteSignaturePolicy } from './actions/signature-policy-actions.js';
import { assumeRole } from './actions/sts-actions.js';
import { ApiError, ErrorCode } from './api-error.js';

export const TCR_VERSION = '2019-09-24';
export const KMS_VERSION = '2019-01-18';
export const STS_VERSION = '2018-08-13';

export interface ActionRoute {
  readonly action: string;
  readonly version: string;
  /** Documented requests per second, per action and caller. */
  readonly limitPerSecond: number;
  /** Whether the action changes state (faults apply to these by default). */
  readonly writes: boolean;
  readonly handle: ActionHandler;
}

/** Every product on one endpoint, since the tool talks to a single endpoint for all of them. */
export const ROUTES: readonly ActionRoute[] = [
  { action: 'CreateSignaturePolicy', version: TCR_VERSION, limitPerSecond: 20, writes: true, handle: createSignaturePolicy },
  { action: 'DeleteSignaturePolicy', version: TCR_VERSION, limitPerSecond: 20, writes: true, handle: deleteSignaturePolicy },
  { action: 'DescribeInstances', version: TCR_VERSION, limitPerSecond: 100, writes: false, handle: describeInstances },
  { action: 'DescribeNamespaces', version: TCR_VERSION, limitPerSecond: 100, writes: false, handle: describeNamespaces },
  { action: 'CreateSignature', version: TCR_VERSION, limitPerSecond: 20, writes: true, handle: createSignature },
  { action: 'DescribeRepositories', version: TCR_VERSION, limitPerSecond: 100, writes: false, handle: describeRepositories },
  { action: 'DescribeImages', version: TCR_VERSION, limitPerSecond: 100, writes: false, handle: describeImages },
  { action: 'DescribeInstanceCustomizedDomain', version: TCR_VERSION, limitPerSecond: 20, writes: false, handle: describeInstanceCustomizedDomain },
  { action: 'DescribeRegions', version: TCR_VERSION, limitPerSecond: 20, writes: false, handle: describeRegions },
  { action: 'ListKeyDetail', version: KMS_VERSION, limitPerSecond: 100, writes: false, handle: listKeyDetail },
  { action: 'DescribeKeys', version: KMS_VERSION, limitPerSecond: 100, writes: false, handle: describeKeys },
  { action: 'AssumeRole', version: STS_VERSION, limitPerSecond: 600, writes: false, handle: assumeRole },
];

const byAction = new Map(ROUTES.map((route) => [route.action, route]));

export function isKnownAction(action: string): boolean {
  return byAction.has(action);
}

/** The route for an action and version, or InvalidAction / NoSuchVersion as the gateway answers. */
export function resolveRoute(action: string, version: string): ActionRoute {
  const route = byAction.get(action);
  if (!route) {
    throw new ApiError(
      ErrorCode.InvalidAction,
      `The action \`${action}\` does not exist (this emulator serves ${ROUTES.map((r) => r.action).join(', ')}).`,
    );
  }
  if (route.version !== version) {
    throw new ApiError(
      ErrorCode.NoSuchVersion,
      `The version \`${version}\` does not exist for action \`${action}\`; use ${route.version}.`,
    );
  }
  return route;
}
