import { stsEndpoint, type Endpoints } from '../core/endpoint.js';
import type { FailedOutcome } from '../core/api-outcome.js';
import { DEFAULT_ROLE_SESSION_NAME } from '../core/role-arn.js';
import type { ApiService, LanedApi } from '../core/tcr-api.js';
import { t } from '../i18n/messages.js';
import { baseProvider, type Credential, type CredentialProvider } from './credentials.js';
import type { SdkApiOptions } from './sdk-api.js';
import type { PacedApi } from './traffic/paced-api.js';

/** Who the tool acts as: the base credentials, and the role that reaches the run's default account. */
export interface Access {
  readonly endpoint: Endpoints;
  readonly profile?: string;
  /** --use-cvm-role: the base credentials are the CVM's role. */
  readonly useCvmRole?: boolean;
  /** The default account's role (--role-arn, TENCENTCLOUD_ROLE_ARN, the profile's role-arn); absent: the base account. */
  readonly roleArn?: string;
  /** Default tcr-sigpolicy. */
  readonly roleSessionName?: string;
}

export interface AccountsApi extends LanedApi {
  forAccount(roleArn: string | undefined): LanedApi;
  close(): Promise<void>;
}

export interface OpenApiOptions extends Omit<SdkApiOptions, 'account'> {
  /** Base credentials given by the caller (the demo's pair) instead of resolving them. */
  readonly credential?: Credential;
}

/**
 * The one place an API is built: the base credentials (resolved now, so none is a usage error before
 * anything is sent), then one SDK API per account on first use: the base key's, and each role's
 * through STS. Each account has its own lanes (keyed by the role ARN or the base SecretId, never a
 * temporary key) and its own stop, so a role that cannot be assumed stops only its own calls.
 */
export async function openApi(access: Access, o: OpenApiOptions = {}): Promise<AccountsApi> {
  const [{ createSdkApi }, { roleCredential, AssumeRoleError }] = await Promise.all([import('./sdk-api.js'), import('./role-credential.js')]);
  const base: CredentialProvider = o.credential ? { getCredential: () => Promise.resolve(o.credential as Credential) } : await baseProvider(access);
  const baseKey = (await base.getCredential()).secretId;
  const opened = new Map<string, Promise<PacedApi>>();

  const open = (roleArn: string | undefined): Promise<PacedApi> => {
    const key = roleArn ?? '';
    let api = opened.get(key);
    if (!api) {
      api = roleArn === undefined
        ? createSdkApi(access.endpoint, base, { ...o, account: { account: baseKey } })
        : roleCredential({ roleArn, sessionName: access.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME, base, sts: stsEndpoint(access.endpoint), timeoutSeconds: o.timeoutSeconds }).then((role) =>
            createSdkApi(access.endpoint, role, {
              ...o,
              account: { account: roleArn, accountLabel: roleArn, ready: () => role.getCredential().then(() => undefined, (error: unknown) => notAssumed(roleArn, error)) },
            }),
          );
      opened.set(key, api);
    }
    return api;
  };
  const notAssumed = (roleArn: string, error: unknown): FailedOutcome => {
    const e = error instanceof AssumeRoleError ? error : { code: 'NetworkError', message: String((error as Error)?.message ?? error), requestId: '' };
    return { ok: false, code: e.code, message: t('account.notAssumed', { role: roleArn, code: e.code, message: e.message }), requestId: e.requestId, notSent: true };
  };
  const first = await open(access.roleArn);
  // Every account reaches the same endpoints: its lanes are the default account's, keyed by the account too.
  const accountOf = (roleArn: string | undefined): LanedApi => ({
    call: async (...args) => (await open(roleArn)).call(...args),
    laneOf: (service: ApiService, action: string, region: string) => `${roleArn ?? ''}\u0000${first.laneOf(service, action, region)}`,
  });
  const byDefault = accountOf(access.roleArn);
  return {
    call: byDefault.call,
    laneOf: byDefault.laneOf,
    forAccount: (roleArn) => (roleArn === undefined ? byDefault : accountOf(roleArn)),
    async close() {
      await Promise.all([...opened.values()].map(async (api) => (await api).close()));
    },
  };
}
