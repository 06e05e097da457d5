import { setTimeout as delay } from 'node:timers/promises';
import { backoffDelay, RETRY_BACKOFF } from '../core/backoff.js';
import type { Endpoint } from '../core/endpoint.js';
import { ASSUME_ROLE_ATTEMPTS, isTransientStsFailure } from '../core/sts-failure.js';
import type { CredentialProvider } from './credentials.js';
import { failureOf } from './sdk-api.js';

/** Why a role could not be assumed, with STS's own code (InternalError.GetRoleError, AuthFailure.…). */
export class AssumeRoleError extends Error {
  constructor(
    readonly roleArn: string,
    readonly code: string,
    message: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = AssumeRoleError.name;
  }
}

export interface RoleCredentialOptions {
  readonly roleArn: string;
  readonly sessionName: string;
  /** The credentials that call AssumeRole (asked each time, like any provider). */
  readonly base: CredentialProvider;
  /** STS's endpoint: the emulator's for a loopback run, else sts.tencentcloudapi.com. */
  readonly sts: Endpoint;
  readonly timeoutSeconds?: number;
  /** Waits between AssumeRole attempts (tests pass one that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * A role's temporary credentials through the SDK's STSCredential, which assumes the role on first use,
 * keeps the answer and assumes it again shortly before ExpiredTime. Only the call itself is ours: the
 * SDK's words a failure without its code, and the code is what tells a missing role from a denied one.
 * A transient failure (no answer, 5xx, throttling, an InternalError not about the role) is asked again
 * with backoff, up to ASSUME_ROLE_ATTEMPTS: the SDK keeps whatever the call ends in for the rest of the
 * run, so a single blip must not become the account's answer. A permanent one ends it at once, so a
 * role that cannot be assumed is asked once, not once per row.
 */
export async function roleCredential(o: RoleCredentialOptions): Promise<CredentialProvider> {
  const [credentialModule, clientModule] = await Promise.all([
    import('tencentcloud-sdk-nodejs/tencentcloud/common/credential.js'),
    import('tencentcloud-sdk-nodejs/tencentcloud/common/common_client.js'),
  ]);
  // CommonJS modules: node's ESM loader gives their exports as `default`, a transpiling loader (tests) as the module.
  const { STSCredential } = (credentialModule as unknown as { default?: typeof credentialModule }).default ?? credentialModule;
  const { CommonClient } = (clientModule as unknown as { default?: typeof clientModule }).default ?? clientModule;
  const clientConfig = {
    credential: o.base,
    region: 'ap-guangzhou',
    profile: { httpProfile: { endpoint: o.sts.host, protocol: o.sts.protocol, reqTimeout: o.timeoutSeconds ?? 15 } },
  };
  const params = { RoleArn: o.roleArn, RoleSessionName: o.sessionName };
  const sleep = o.sleep ?? ((ms: number) => delay(ms));

  class AccountRole extends STSCredential {
    protected override async getCredentialWithStsAssumeRole(): Promise<{ TmpSecretId: string; TmpSecretKey: string; Token: string; ExpiredTime: number; Expiration: string }> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = (await new CommonClient(o.sts.host, '2018-08-13', clientConfig).request('AssumeRole', params)) as {
            Credentials: { TmpSecretId: string; TmpSecretKey: string; Token: string };
            ExpiredTime: number;
            Expiration: string;
          };
          return { ...result.Credentials, ExpiredTime: result.ExpiredTime, Expiration: result.Expiration };
        } catch (error) {
          const failure = failureOf(error);
          if (attempt >= ASSUME_ROLE_ATTEMPTS || !isTransientStsFailure(failure)) throw new AssumeRoleError(o.roleArn, failure.code, failure.message, failure.requestId);
          await sleep(backoffDelay(attempt, RETRY_BACKOFF, o.random));
        }
      }
    }
  }
  return new AccountRole(clientConfig, params) as CredentialProvider;
}
