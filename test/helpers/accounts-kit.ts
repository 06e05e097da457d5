// A dataset over several accounts: the base key's, two reached through CAM roles, and rows whose role does not exist.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorHandle, EmulatorSeed } from '../../src/emulator/index.js';

export const UIN_A = '200000000002';
export const UIN_B = '300000000003';
export const ROLE_A = `qcs::cam::uin/${UIN_A}:roleName/tcr-signer`;
export const ROLE_B = `qcs::cam::uin/${UIN_B}:roleName/tcr-signer`;
export const ROLE_MISSING = `qcs::cam::uin/${UIN_B}:roleName/no-such-role`;
export const SIGNING_KEY = '7e3a9c1d-4b7d-11ee-9c3a-525400aa0001';

/** One registry per account, all in Guangzhou: only the account tells their lanes apart. */
export const REGISTRY: Readonly<Record<string, string>> = {
  '': 'tcr-base0001',
  [ROLE_A]: 'tcr-teama001',
  [ROLE_B]: 'tcr-teamb001',
  [ROLE_MISSING]: 'tcr-gone0001',
};

export interface AccountRow {
  readonly RoleArn: string;
  readonly RegistryId: string;
  readonly NamespaceName: string;
}

/** `perAccount` rows for each of the given roles ('' is the base key), grouped by account, with a RoleArn column. */
export function accountsDataset(perAccount: number, roles: readonly string[]): { csv: string; seed: EmulatorSeed; rows: AccountRow[] } {
  const rows = roles.flatMap((RoleArn) =>
    Array.from({ length: perAccount }, (_, i): AccountRow => ({ RoleArn, RegistryId: REGISTRY[RoleArn] as string, NamespaceName: `ns-${String(i).padStart(4, '0')}` })),
  );
  const lines = rows.map((r) => ['ap-guangzhou', r.RegistryId, r.NamespaceName, `${r.NamespaceName}-signing`, SIGNING_KEY, 'ap-guangzhou', r.RoleArn].join(','));
  const namespaces = (registryId: string) => rows.filter((r) => r.RegistryId === registryId).map((r) => r.NamespaceName);
  const seed: EmulatorSeed = {
    accounts: [
      { Uin: UIN_A, Roles: ['tcr-signer'] },
      { Uin: UIN_B, Roles: ['tcr-signer'] },
    ],
    registries: [
      { RegistryId: REGISTRY[''] as string, Region: 'ap-guangzhou', Namespaces: namespaces(REGISTRY[''] as string) },
      { RegistryId: REGISTRY[ROLE_A] as string, Region: 'ap-guangzhou', Account: UIN_A, Namespaces: namespaces(REGISTRY[ROLE_A] as string) },
      { RegistryId: REGISTRY[ROLE_B] as string, Region: 'ap-guangzhou', Account: UIN_B, Namespaces: namespaces(REGISTRY[ROLE_B] as string) },
      { RegistryId: REGISTRY[ROLE_MISSING] as string, Region: 'ap-guangzhou', Account: UIN_B, Namespaces: namespaces(REGISTRY[ROLE_MISSING] as string) },
    ],
    kmsKeys: [{ KeyId: SIGNING_KEY, Region: 'ap-guangzhou', KeyUsage: 'ASYMMETRIC_SIGN_VERIFY_RSA_2048' }],
  };
  return { csv: `Region,RegistryId,NamespaceName,Name,KmsId,KmsRegion,RoleArn\n${lines.join('\n')}\n`, seed, rows };
}

/** The same rows without the RoleArn column, for runs that name the account with --role-arn. */
export function withoutRoleColumn(csv: string): string {
  return csv
    .split('\n')
    .map((line) => line.split(',').slice(0, 7 - 1).join(','))
    .join('\n');
}

/**
 * The temporary SecretIds, keys and tokens the emulator issued (AssumeRole) that show up in a run's
 * output or in any file of its folder (results, journal), each named with where: [] when none leaked.
 */
export function temporarySecretLeaks(emulator: EmulatorHandle, dir: string, outputs: Readonly<Record<string, string>>): string[] {
  const places = [...Object.entries(outputs), ...readdirSync(dir).map((f): [string, string] => [f, readFileSync(join(dir, f), 'latin1')])];
  const secrets = emulator.state.issuedSecrets();
  return places.flatMap(([where, text]) => secrets.filter((secret) => text.includes(secret)).map(() => `a temporary secret in ${where}`));
}
