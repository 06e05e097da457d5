import type { FailedOutcome } from './api-outcome.js';
import { classifyFailure } from './classify-error.js';
import { hintFor } from './error-hints.js';

/**
 * What to do about a failed read (the preflight, discover, status); `skippable` when the command can
 * do without it (--no-preflight). Credentials get the same line as a failed request (error-hints.ts).
 */
export function readHint(failure: Pick<FailedOutcome, 'code' | 'httpStatus'>, skippable: boolean): string {
  const orSkip = skippable ? ', or pass --no-preflight to send without checking' : '';
  if (failure.code.startsWith('AuthFailure')) return hintFor('AuthFailure') as string;
  // Sending without the plan would meet the same network: no --no-preflight here.
  const kind = classifyFailure(failure);
  if (kind === 'refused') return 'nothing answers at the endpoint: check --endpoint (for the emulator: is `tcr-sigpolicy emulator` running, on that port?)';
  if (kind === 'unknown') return 'nothing answered: check the network and --endpoint (for the emulator: is it still running?), then run again';
  if (kind === 'throttled') return 'the API stayed busy for a minute (other clients share this budget): run again later';
  return `these reads need tcr:DescribeInstances, tcr:DescribeNamespaces and kms:DescribeKeys: grant them${orSkip}`;
}
