import { UsageError } from './errors.js';
import { t } from '../i18n/messages.js';

/**
 * The CAM role forms STS AssumeRole documents for `RoleArn`: `qcs::cam::uin/UIN:roleName/NAME`,
 * `…:role/ROLE_ID`, and the service roles `…:role/tencentcloudServiceRole/ID` and
 * `…:role/tencentcloudServiceRoleName/NAME`.
 */
const ROLE_ARN = /^qcs::cam::uin\/\d{1,20}:(?:roleName\/[\w+=,.@-]{1,128}|role\/\d{1,32}|role\/tencentcloudServiceRole\/\d{1,32}|role\/tencentcloudServiceRoleName\/[\w+=,.@-]{1,128})$/;
/** RoleSessionName as AssumeRole documents it: 2 to 128 of letters, digits and +=,.@_-. */
const SESSION_NAME = /^[\w+=,.@-]{2,128}$/;

export const DEFAULT_ROLE_SESSION_NAME = 'tcr-sigpolicy';

export function isRoleArn(text: string): boolean {
  return ROLE_ARN.test(text);
}

/** A role ARN from a flag, the environment or a profile: the ARN, or a usage error naming where it came from. */
export function checkRoleArn(text: string, from: string): string {
  const arn = text.trim();
  if (!isRoleArn(arn)) throw new UsageError(t('account.badRoleArn', { from, value: arn.slice(0, 80) }), t('account.badRoleArnHint'));
  return arn;
}

export function checkSessionName(text: string, from: string): string {
  const name = text.trim();
  if (!SESSION_NAME.test(name)) throw new UsageError(t('account.badSessionName', { from, value: name.slice(0, 80) }), t('account.badSessionNameHint'));
  return name;
}

/** Rows grouped by account (their role ARN; undefined for the base credentials), in order of first appearance. */
export function byAccount<R extends { readonly roleArn?: string }>(rows: readonly R[]): Array<[string | undefined, R[]]> {
  const groups = new Map<string | undefined, R[]>();
  for (const row of rows) {
    const group = groups.get(row.roleArn);
    if (group) group.push(row);
    else groups.set(row.roleArn, [row]);
  }
  return [...groups];
}

/**
 * The key an account is known by in lanes, budgets and results: its role ARN, or '' for the base
 * credentials (whose lanes add the base SecretId, as before roles existed).
 */
export function accountKey(roleArn: string | undefined): string {
  return roleArn ?? '';
}

/**
 * The accounts a command that covers several (status, discover --all-registries, sign-images) acts in:
 * with --role-arn given, the base credentials' account and each role's; without, the one default
 * account (TENCENTCLOUD_ROLE_ARN's or the profile's role, else the base credentials').
 */
export function coveredAccounts(access: { readonly roleArn?: string; readonly roleArns?: readonly string[] }): Array<string | undefined> {
  return access.roleArns && access.roleArns.length > 0 ? [undefined, ...new Set(access.roleArns)] : [access.roleArn];
}
