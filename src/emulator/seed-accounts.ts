import { BASE_UIN, type AccountRecord, type RegistryRecord } from './seed-format.js';
import { SeedProblems, checkKeys, listOf, readFaults, requiredText, type JsonObject } from './seed-fields.js';

const UIN = /^\d{5,20}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,128}$/;

/** One entry of a seed's `accounts`: a Uin, the role names that reach it, and the answers scripted for the first AssumeRole of them. */
export function readAccount(obj: JsonObject, path: string, problems: SeedProblems): AccountRecord {
  checkKeys(obj, ['Uin', 'Roles', 'Faults'], path, problems);
  const Uin = requiredText(obj, 'Uin', path, problems);
  if (Uin !== '' && !UIN.test(Uin)) problems.add(`${path}.Uin`, 'must be an account number (digits)');
  if (Uin === BASE_UIN) problems.add(`${path}.Uin`, `${BASE_UIN} is the base credentials' account; give the others another Uin`);
  const Roles = listOf(obj, 'Roles', path, problems).flatMap((role, i): string[] => {
    if (typeof role === 'string' && ROLE_NAME.test(role)) return [role];
    problems.add(`${path}.Roles[${i}]`, 'must be a role name (letters, digits and +=,.@_-)');
    return [];
  });
  return { Uin, Roles, Faults: readFaults(obj, path, problems) };
}

/** A registry's `Account` must be the base account or one the seed lists. */
export function checkOwners(registries: readonly RegistryRecord[], accounts: readonly AccountRecord[], problems: SeedProblems): void {
  const known = new Set([BASE_UIN, ...accounts.map((a) => a.Uin)]);
  registries.forEach((registry, i) => {
    if (!known.has(registry.Account)) problems.add(`$.registries[${i}].Account`, `account ${registry.Account} is not in "accounts"`);
  });
}
