import { ApiError, ErrorCode } from '../api-error.js';
import type { NamespaceRecord, RegistryRecord } from '../seed-format.js';
import type { EmulatorStore } from '../store.js';

/** A registry as the API of one region and one account sees it: one elsewhere does not exist there. */
export function registryInRegion(store: EmulatorStore, registryId: string, region: string, account: string): RegistryRecord {
  const registry = store.registry(registryId);
  if (!registry || registry.Region !== region || registry.Account !== account) {
    throw new ApiError(ErrorCode.ResourceNotFound, `The registry ${registryId} does not exist in region ${region}.`);
  }
  if (registry.Denied) {
    throw new ApiError(ErrorCode.UnauthorizedOperation, `The credentials are not authorized to operate on registry ${registryId} (check the CAM policy).`);
  }
  return registry;
}

export function namespaceOf(store: EmulatorStore, registry: RegistryRecord, name: string): NamespaceRecord {
  const namespace = store.namespace(registry, name);
  if (!namespace) {
    throw new ApiError(
      ErrorCode.ResourceNotFound,
      `The namespace ${name} does not exist in registry ${registry.RegistryId}.`,
    );
  }
  return namespace;
}

/** A namespace the seed marks `Denied` is outside the caller's CAM policy: its writes are refused. */
export function checkPermission(registry: RegistryRecord, namespace: NamespaceRecord, action: string): void {
  if (!namespace.Denied) return;
  const resource = `qcs::tcr:${registry.Region}:uin/${registry.Account}:instance/${registry.RegistryId}/namespace/${namespace.Name}`;
  throw new ApiError(
    ErrorCode.UnauthorizedOperation,
    `You are not authorized to perform tcr:${action} on ${resource}: the CAM policy of this caller does not grant it.`,
  );
}
