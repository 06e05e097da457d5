import { BASE_UIN, DENIED_IMAGES_CODES, type AccountRecord, type DeniedImagesCode, type RegistryRecord, type RoleRecord } from './seed-format.js';
import { SeedProblems, checkKeys, isObject, listOf, readFaults, requiredText, type JsonObject } from './seed-fields.js';

const UIN = /^\d{5,20}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,128}$/;

/** A role of a seed account: its name alone (the base account may assume it), or its name and the accounts its trust policy names. */
function readRole(role: unknown, path: string, problems: SeedProblems): RoleRecord[] {
  if (typeof role === 'string' && ROLE_NAME.test(role)) return [{ Name: role, Trusts: [BASE_UIN] }];
  if (isObject(role)) {
    checkKeys(role, ['Name', 'Trusts'], path, problems);
    const Name = requiredText(role, 'Name', path, problems);
    if (Name !== '' && !ROLE_NAME.test(Name)) problems.add(`${path}.Name`, 'must be a role name (letters, digits and +=,.@_-)');
    const Trusts = listOf(role, 'Trusts', path, problems).flatMap((uin, i): string[] => {
      if (typeof uin === 'string' && UIN.test(uin)) return [uin];
      problems.add(`${path}.Trusts[${i}]`, 'must be an account number (digits)');
      return [];
    });
    return [{ Name, Trusts: role.Trusts === undefined ? [BASE_UIN] : Trusts }];
  }
  problems.add(path, 'must be a role name (letters, digits and +=,.@_-) or { "Name", "Trusts" }');
  return [];
}

/** One entry of a seed's `accounts`: a Uin, the roles that reach it (with who may assume each), and the answers scripted for the first AssumeRole of them. */
export function readAccount(obj: JsonObject, path: string, problems: SeedProblems): AccountRecord {
  checkKeys(obj, ['Uin', 'Roles', 'Faults', 'DeniedAfterImagePages', 'DeniedImagePagesCode'], path, problems);
  const Uin = requiredText(obj, 'Uin', path, problems);
  if (Uin !== '' && !UIN.test(Uin)) problems.add(`${path}.Uin`, 'must be an account number (digits)');
  if (Uin === BASE_UIN) problems.add(`${path}.Uin`, `${BASE_UIN} is the base credentials' account; give the others another Uin`);
  const Roles = listOf(obj, 'Roles', path, problems).flatMap((role, i) => readRole(role, `${path}.Roles[${i}]`, problems));
  const denied = obj.DeniedAfterImagePages;
  if (denied !== undefined && !(Number.isInteger(denied) && (denied as number) >= 0)) problems.add(`${path}.DeniedAfterImagePages`, 'must be a whole number of pages (0 or more)');
  const code = obj.DeniedImagePagesCode;
  if (code !== undefined && !(DENIED_IMAGES_CODES as readonly unknown[]).includes(code)) problems.add(`${path}.DeniedImagePagesCode`, `must be one of ${DENIED_IMAGES_CODES.join(', ')}`);
  return {
    Uin, Roles, Faults: readFaults(obj, path, problems),
    ...(typeof denied === 'number' ? { DeniedAfterImagePages: denied, DeniedImagePagesCode: (code as DeniedImagesCode | undefined) ?? 'UnauthorizedOperation' } : {}),
  };
}

/** A registry's `Account`, and each account a role trusts, must be the base account or one the seed lists. */
export function checkOwners(registries: readonly RegistryRecord[], accounts: readonly AccountRecord[], problems: SeedProblems): void {
  const known = new Set([BASE_UIN, ...accounts.map((a) => a.Uin)]);
  registries.forEach((registry, i) => {
    if (!known.has(registry.Account)) problems.add(`$.registries[${i}].Account`, `account ${registry.Account} is not in "accounts"`);
  });
  accounts.forEach((account, i) => account.Roles.forEach((role, j) => role.Trusts.forEach((uin, k) => {
    if (!known.has(uin)) problems.add(`$.accounts[${i}].Roles[${j}].Trusts[${k}]`, `account ${uin} is not in "accounts"`);
  })));
}
