import { ApiError, ErrorCode, missingParameter } from '../api-error.js';
import { optionalInteger, optionalString, optionalStringList, rejectUnknownParameters } from '../params.js';
import type { KmsKeyRecord } from '../seed-format.js';
import { KEY_STATES } from '../seed-format.js';
import type { ActionHandler } from './action-context.js';
import { pageOf } from './paging.js';

const LIST_PARAMETERS = [
  'Offset', 'Limit', 'Role', 'OrderType', 'KeyState', 'SearchKeyAlias', 'Origin', 'KeyUsage', 'TagFilters',
  'HsmClusterId', 'MemberAccounts',
];
const DESCRIBE_PARAMETERS = ['KeyIds', 'MemberAccount'];
/** The emulator's account, as KMS reports a key's creator. */
const CREATOR_UIN = 100000000001;

function keyMetadata(key: KmsKeyRecord): Record<string, unknown> {
  return {
    KeyId: key.KeyId, Alias: key.Alias, CreateTime: key.CreateTime, Description: key.Description,
    KeyState: key.KeyState, KeyUsage: key.KeyUsage, Type: 2, CreatorUin: CREATOR_UIN, KeyRotationEnabled: false,
    Owner: 'user', NextRotateTime: 0, DeletionDate: 0, Origin: 'TENCENT_KMS', ValidTo: 0,
    ResourceId: `creatorUin/${CREATOR_UIN}/${key.KeyId}`, HsmClusterId: '', RotateDays: 0, LastRotateTime: 0,
    IsSyncReplica: 0, SourceRegion: '', SyncStatus: 0, SyncMessages: '', SyncStartTime: 0, SyncEndTime: 0,
    SourceHsmClusterId: '',
  };
}

/** KeyUsage filter: empty means ENCRYPT_DECRYPT (as documented), `ALL` means every usage. */
function usageMatcher(keyUsage: string | undefined): (key: KmsKeyRecord) => boolean {
  const wanted = (keyUsage ?? '').trim() === '' ? ['ENCRYPT_DECRYPT'] : (keyUsage ?? '').split(',').map((u) => u.trim());
  return wanted.includes('ALL') ? () => true : (key) => wanted.includes(key.KeyUsage);
}

/** KeyState filter: 0 every state, then 1…5 in the documented order Enabled…Archived. */
function stateMatcher(keyState: number): (key: KmsKeyRecord) => boolean {
  return keyState === 0 ? () => true : (key) => key.KeyState === KEY_STATES[keyState - 1];
}

export const listKeyDetail: ActionHandler = ({ params, region, store }) => {
  rejectUnknownParameters(params, LIST_PARAMETERS);
  const offset = optionalInteger(params, 'Offset', { min: 0 }) ?? 0;
  const limit = optionalInteger(params, 'Limit', { min: 1, max: 200 }) ?? 10;
  // Seeded keys are all user-created (Role 0) with KMS-made material (Origin TENCENT_KMS) and no tags.
  const role = optionalInteger(params, 'Role', { min: 0, max: 1 }) ?? 0;
  const ascending = (optionalInteger(params, 'OrderType', { min: 0, max: 1 }) ?? 0) === 1;
  const keyState = optionalInteger(params, 'KeyState', { min: 0, max: KEY_STATES.length }) ?? 0;
  const search = (optionalString(params, 'SearchKeyAlias') ?? '').toLowerCase();
  const origin = optionalString(params, 'Origin') ?? 'ALL';
  const hasTagFilters = Array.isArray(params['TagFilters']) && params['TagFilters'].length > 0;
  const matchesUsage = usageMatcher(optionalString(params, 'KeyUsage'));

  const matching = store
    .keys(region)
    .filter(matchesUsage)
    .filter(stateMatcher(keyState))
    .filter((k) => search === '' || k.Alias.toLowerCase().includes(search) || k.KeyId.toLowerCase().includes(search))
    .filter(() => role === 0 && (origin === 'ALL' || origin === '' || origin === 'TENCENT_KMS') && !hasTagFilters)
    .sort((a, b) => (ascending ? a.CreateTime - b.CreateTime : b.CreateTime - a.CreateTime));
  return { TotalCount: matching.length, KeyMetadatas: pageOf(matching, offset, limit).map(keyMetadata) };
};

export const describeKeys: ActionHandler = ({ params, region, store }) => {
  rejectUnknownParameters(params, DESCRIBE_PARAMETERS);
  const keyIds = optionalStringList(params, 'KeyIds');
  if (keyIds === undefined) throw missingParameter('KeyIds');
  if (keyIds.length === 0 || keyIds.length > 100) {
    throw new ApiError(ErrorCode.InvalidParameterValue, 'KeyIds must list from 1 to 100 key ids.');
  }
  const seen = new Set<string>();
  const metadata = keyIds.map((keyId) => {
    if (seen.has(keyId)) throw new ApiError(ErrorCode.DuplicatedKeyId, `The key id ${keyId} is listed twice.`);
    seen.add(keyId);
    const key = store.key(keyId);
    if (!key || key.Region !== region) {
      throw new ApiError(ErrorCode.CmkNotFound, `The key ${keyId} does not exist in region ${region}.`);
    }
    return keyMetadata(key);
  });
  return { KeyMetadatas: metadata };
};
