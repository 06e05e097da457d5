import type { RowResult } from './result.js';
import { count } from '../i18n/count.js';
import { t } from '../i18n/messages.js';

/** What a stop is read from: any item's result (a policy row's, a tag's) with its account. */
type AccountResult = Pick<RowResult, 'status' | 'RoleArn' | 'ErrorCode'>;

export interface AccountStop {
  readonly account: string;
  readonly code: string;
  readonly count: number;
}

/**
 * The role accounts whose rows were not sent for a reason of their own (a role that could not be
 * assumed, an AuthFailure inside the account): one per account, with the first reason and how many rows.
 */
export function accountStops(results: Iterable<AccountResult>): AccountStop[] {
  const stops = new Map<string, AccountStop>();
  for (const r of results) {
    if (r.status !== 'not-sent' || !r.RoleArn || !r.ErrorCode || r.ErrorCode === 'NotStarted') continue;
    const known = stops.get(r.RoleArn);
    stops.set(r.RoleArn, { account: r.RoleArn, code: known?.code ?? r.ErrorCode, count: (known?.count ?? 0) + 1 });
  }
  return [...stops.values()];
}

/** One closing line per stopped account, so the exit 1 says which account and why; none for an account `named` already (said once). */
export function accountStopLines(results: Iterable<AccountResult>, named: (account: string) => boolean = () => false): string[] {
  return accountStops(results).filter((stop) => !named(stop.account)).map((stop) => t('account.stoppedLine', { account: stop.account, code: stop.code, rows: count('count.row', stop.count) }));
}
