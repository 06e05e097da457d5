import { ApiError, ErrorCode } from '../api-error.js';
import type { NamespaceRecord, RegistryRecord } from '../seed-format.js';
import type { EmulatorStore } from '../store.js';

/** A registry as the API of one region sees it: one in another region does not exist there. */
export function registryInRegion(store: EmulatorStore, registryId: string, region: string): RegistryRecord {
  const registry = store.registry(registryId);
  if (!registry || registry.Region !== region) {
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
