import { createHash } from 'node:crypto';
import type { RepositoryRecord, TagRecord } from './seed-format.js';
import { SeedProblems, checkKeys, isObject, listOf, optionalFlag, requiredText, type JsonObject } from './seed-fields.js';

/** A fixed digest per tag, so answers repeat from run to run. */
function digestOf(where: string): string {
  return `sha256:${createHash('sha256').update(where).digest('hex')}`;
}

function tagRecord(where: string, ImageVersion: string, signed: boolean): TagRecord {
  return { ImageVersion, Digest: digestOf(`${where}:${ImageVersion}`), Size: 10_000_000 + ImageVersion.length * 4096, signedInSeed: signed };
}

function readTags(obj: JsonObject, where: string, path: string, problems: SeedProblems): TagRecord[] {
  const count = obj['Tags'];
  if (typeof count === 'number') {
    const signed = typeof obj['Signed'] === 'number' ? obj['Signed'] : 0;
    if (!Number.isInteger(count) || count < 0 || count > 1_000_000) problems.add(`${path}.Tags`, 'must be a whole number of tags (0 to 1,000,000) or a list');
    return Array.from({ length: Math.max(0, Math.min(count, 1_000_000) | 0) }, (_, i) => tagRecord(where, `v${i + 1}`, i < signed));
  }
  return listOf(obj, 'Tags', path, problems).flatMap((tag, i): TagRecord[] => {
    if (typeof tag === 'string' && tag !== '') return [tagRecord(where, tag, false)];
    if (isObject(tag)) {
      checkKeys(tag, ['Name', 'Signed'], `${path}.Tags[${i}]`, problems);
      return [tagRecord(where, requiredText(tag, 'Name', `${path}.Tags[${i}]`, problems), optionalFlag(tag, 'Signed', `${path}.Tags[${i}]`, problems))];
    }
    problems.add(`${path}.Tags[${i}]`, 'must be a tag name or {"Name": …, "Signed": …}');
    return [];
  });
}

/** A namespace's `Repositories`: each with its tags, names unique within the namespace. */
export function readRepositories(entry: JsonObject, where: string, path: string, problems: SeedProblems): RepositoryRecord[] {
  const seen = new Set<string>();
  return listOf(entry, 'Repositories', path, problems).flatMap((repo, i): RepositoryRecord[] => {
    const at = `${path}.Repositories[${i}]`;
    if (!isObject(repo)) {
      problems.add(at, 'must be {"Name": …, "Tags": …}');
      return [];
    }
    checkKeys(repo, ['Name', 'Tags', 'Signed'], at, problems);
    const Name = requiredText(repo, 'Name', at, problems);
    if (seen.has(Name)) problems.add(at, `repository "${Name}" is listed twice`);
    seen.add(Name);
    const tags = readTags(repo, `${where}/${Name}`, at, problems);
    if (new Set(tags.map((t) => t.ImageVersion)).size !== tags.length) problems.add(`${at}.Tags`, 'a tag is listed twice');
    return [{ Name, tags }];
  });
}
