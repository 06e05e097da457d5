import { randomBytes } from 'node:crypto';
import { ApiError, ErrorCode } from './api-error.js';
import type { AccountRecord, ScriptedFault } from './seed-format.js';

/** Who signed a request: the key's SecretId, the account it acts in, and the identity its rate window counts. */
export interface Caller {
  readonly secretId: string;
  /** The Uin of the account whose registries the caller sees. */
  readonly account: string;
  /** The base key's SecretId, or the role's ARN for a role session (every session of a role shares one budget). */
  readonly identity: string;
}

export interface RoleSession {
  readonly secretKey: string;
  readonly token: string;
  readonly caller: Caller;
  /** Unix seconds. */
  readonly expiresAt: number;
}

export interface IssuedCredentials {
  readonly TmpSecretId: string;
  readonly TmpSecretKey: string;
  readonly Token: string;
  readonly ExpiredTime: number;
  readonly Expiration: string;
}

const ROLE_ARN = /^qcs::cam::uin\/(\d+):roleName\/([\w+=,.@-]+)$/;

/**
 * The roles the seed lists and the temporary credentials AssumeRole has issued for them. A session
 * is a key pair and a token, each random, valid until its ExpiredTime.
 */
export class RoleSessions {
  /** Each seeded role: the account it reaches and the accounts its trust policy lets assume it. */
  private readonly roles = new Map<string, { readonly account: string; readonly trusts: readonly string[] }>();
  private readonly sessions = new Map<string, RoleSession>();
  private readonly issuedPerRole = new Map<string, number>();
  /** The seed's scripted AssumeRole answers still to give, per account; used up as they are given. */
  private readonly faults = new Map<string, ScriptedFault[]>();
  /** The DescribeImages pages each account still answers before refusing (SeedAccount.DeniedAfterImagePages). */
  private readonly imagePagesLeft = new Map<string, { left: number; readonly code: string }>();

  constructor(
    accounts: readonly AccountRecord[],
    /** The longest a session may live, in seconds (EmulatorOptions.roleSessionSeconds). */
    private readonly maxSeconds = Infinity,
  ) {
    for (const account of accounts) {
      for (const role of account.Roles) this.roles.set(`qcs::cam::uin/${account.Uin}:roleName/${role.Name}`, { account: account.Uin, trusts: role.Trusts });
      if (account.Faults.length > 0) this.faults.set(account.Uin, [...account.Faults]);
      if (account.DeniedAfterImagePages !== undefined) {
        this.imagePagesLeft.set(account.Uin, { left: account.DeniedAfterImagePages, code: account.DeniedImagePagesCode ?? ErrorCode.UnauthorizedOperation });
      }
    }
  }

  /**
   * New temporary credentials for a seeded role, for a caller whose account its trust policy names;
   * `InternalError.GetRoleError` (as STS answers) for a role that does not exist, `UnauthorizedOperation`
   * (STS's documented code for an operation not authorized) for a caller the trust policy leaves out.
   */
  assume(roleArn: string, caller: Pick<Caller, 'account' | 'identity'>, durationSeconds: number, nowSeconds: number): IssuedCredentials {
    const role = ROLE_ARN.test(roleArn) ? this.roles.get(roleArn) : undefined;
    if (role === undefined) throw new ApiError(ErrorCode.GetRoleError, 'role not exist');
    if (!role.trusts.includes(caller.account)) {
      throw new ApiError(ErrorCode.UnauthorizedOperation, `The trust policy of role ${roleArn} does not let account ${caller.account} assume it.`);
    }
    const { account } = role;
    const TmpSecretId = `AKID${randomBytes(18).toString('base64url')}`;
    const session: RoleSession = {
      secretKey: randomBytes(24).toString('base64url'),
      token: randomBytes(48).toString('base64url'),
      caller: { secretId: TmpSecretId, account, identity: roleArn },
      expiresAt: Math.floor(nowSeconds) + Math.min(durationSeconds, this.maxSeconds),
    };
    this.sessions.set(TmpSecretId, session);
    this.issuedPerRole.set(roleArn, (this.issuedPerRole.get(roleArn) ?? 0) + 1);
    return {
      TmpSecretId,
      TmpSecretKey: session.secretKey,
      Token: session.token,
      ExpiredTime: session.expiresAt,
      Expiration: new Date(session.expiresAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }

  /** The next scripted answer for an AssumeRole of this role (its account's), used up by this call. */
  takeFault(roleArn: string): ScriptedFault | undefined {
    const role = this.roles.get(roleArn);
    return role === undefined ? undefined : this.faults.get(role.account)?.shift();
  }

  /** The code refusing this account's next DescribeImages (its pages used up), or undefined; counts the page when it answers. */
  deniesImagePage(account: string): string | undefined {
    const pages = this.imagePagesLeft.get(account);
    if (pages === undefined) return undefined;
    if (pages.left === 0) return pages.code;
    pages.left -= 1;
    return undefined;
  }

  session(secretId: string): RoleSession | undefined {
    return this.sessions.get(secretId);
  }

  issuedSecrets(): string[] {
    return [...this.sessions].flatMap(([secretId, s]) => [secretId, s.secretKey, s.token]);
  }

  /** How many times each role was assumed. */
  assumedRoles(): Record<string, number> {
    return Object.fromEntries(this.issuedPerRole);
  }
}
