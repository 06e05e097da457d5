import { checkRoleArn, checkSessionName, DEFAULT_ROLE_SESSION_NAME } from '../core/role-arn.js';
import { readTccliProfile } from '../services/tccli-profile.js';
import { listFlag, stringFlag, type FlagValues } from './parse-flags.js';
import { t } from '../i18n/messages.js';

/** Who a command acts as, besides its endpoint: the flags of docs/accounts.md, checked. */
export interface AccessFlags {
  readonly profile?: string;
  /** The default account's role: --role-arn, else TENCENTCLOUD_ROLE_ARN, else the profile's role-arn. */
  readonly roleArn?: string;
  /** Every --role-arn given, in order (status and discover cover each, and the base account too). */
  readonly roleArns?: readonly string[];
  /** Default tcr-sigpolicy. */
  readonly roleSessionName?: string;
  readonly useCvmRole?: boolean;
}

/** tccli's order: the flag, then the environment, then the profile's .credential file. */
export function readAccessFlags(values: FlagValues, env: NodeJS.ProcessEnv = process.env): AccessFlags {
  const profileName = stringFlag(values, 'profile');
  const given = listFlag(values, 'role-arn').map((arn) => checkRoleArn(arn, '--role-arn'));
  const profile = readTccliProfile(profileName);
  const fromEnv = env.TENCENTCLOUD_ROLE_ARN ? checkRoleArn(env.TENCENTCLOUD_ROLE_ARN, 'TENCENTCLOUD_ROLE_ARN') : undefined;
  const fromProfile = profile?.roleArn ? checkRoleArn(profile.roleArn, t('account.fromProfile', { profile: profile.name })) : undefined;
  const sessionFlag = stringFlag(values, 'role-session-name');
  const sessionName = sessionFlag ?? env.TENCENTCLOUD_ROLE_SESSION_NAME ?? profile?.roleSessionName;
  return {
    profile: profileName,
    roleArn: given[0] ?? fromEnv ?? fromProfile,
    roleArns: given,
    roleSessionName: sessionName ? checkSessionName(sessionName, sessionFlag ? '--role-session-name' : 'TENCENTCLOUD_ROLE_SESSION_NAME') : DEFAULT_ROLE_SESSION_NAME,
    useCvmRole: values['use-cvm-role'] === true,
  };
}
