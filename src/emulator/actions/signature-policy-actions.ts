import { ApiError, ErrorCode } from '../api-error.js';
import { optionalBoolean, optionalString, rejectUnknownParameters, requiredString } from '../params.js';
import type { EmulatorStore } from '../store.js';
import type { ActionHandler } from './action-context.js';
import { checkPermission, namespaceOf, registryInRegion } from './registry-lookups.js';

/** The only key usage TCR accepts for image signing. */
export const SIGNING_KEY_USAGE = 'ASYMMETRIC_SIGN_VERIFY_RSA_2048';

const CREATE_PARAMETERS = ['RegistryId', 'Name', 'NamespaceName', 'KmsId', 'KmsRegion', 'Domain', 'Disabled'];
const DELETE_PARAMETERS = ['RegistryId', 'NamespaceName'];

/** TCR words an empty required string as its own invalid-parameter error. */
const TCR_REQUIRED = { emptyCode: ErrorCode.TcrInvalidParameter } as const;

function tcrInvalid(message: string): ApiError {
  return new ApiError(ErrorCode.TcrInvalidParameter, message);
}

function checkSigningKey(store: EmulatorStore, keyId: string, kmsRegion: string): void {
  const key = store.key(keyId);
  if (!key || key.Region !== kmsRegion) {
    throw tcrInvalid(`The KMS key ${keyId} does not exist in region ${kmsRegion}.`);
  }
  if (key.KeyState !== 'Enabled') {
    throw tcrInvalid(`The KMS key ${keyId} is ${key.KeyState}; a signing key must be Enabled.`);
  }
  if (key.KeyUsage !== SIGNING_KEY_USAGE) {
    throw tcrInvalid(`The KMS key ${keyId} has usage ${key.KeyUsage}; image signing needs a ${SIGNING_KEY_USAGE} key.`);
  }
}

export const createSignaturePolicy: ActionHandler = ({ params, region, store }) => {
  rejectUnknownParameters(params, CREATE_PARAMETERS);
  const RegistryId = requiredString(params, 'RegistryId', TCR_REQUIRED);
  const Name = requiredString(params, 'Name', TCR_REQUIRED);
  const NamespaceName = requiredString(params, 'NamespaceName', TCR_REQUIRED);
  const KmsId = requiredString(params, 'KmsId', TCR_REQUIRED);
  // Required but may be empty: the documented example sends "" to mean the registry's own region.
  const givenKmsRegion = requiredString(params, 'KmsRegion', { allowEmpty: true });
  const Domain = optionalString(params, 'Domain') ?? '';
  const Disabled = optionalBoolean(params, 'Disabled') ?? false;

  const registry = registryInRegion(store, RegistryId, region);
  if (registry.Status !== 'Running') {
    throw new ApiError(
      ErrorCode.UnsupportedOperation,
      `The registry ${RegistryId} is ${registry.Status}; signature policies need a Running registry.`,
    );
  }
  checkPermission(registry, namespaceOf(store, registry, NamespaceName), 'CreateSignaturePolicy');
  // A Domain names one of the registry's custom domains (DescribeInstanceCustomizedDomain); empty: its own.
  const custom = registry.Domains ?? [];
  if (Domain !== '' && !custom.includes(Domain)) {
    const known = custom.length > 0 ? custom.join(', ') : 'none';
    throw tcrInvalid(`The domain ${Domain} is not a custom domain of registry ${RegistryId} (its custom domains: ${known}).`);
  }
  const existing = store.policy(RegistryId, NamespaceName);
  if (existing) {
    throw new ApiError(
      ErrorCode.ResourceInUse,
      `A signature policy already exists for namespace ${NamespaceName} of registry ${RegistryId} ` +
        `(policy "${existing.Name}"); a namespace has at most one.`,
    );
  }
  const KmsRegion = givenKmsRegion.trim() === '' ? registry.Region : givenKmsRegion;
  checkSigningKey(store, KmsId, KmsRegion);
  store.addPolicy({ RegistryId, NamespaceName, Name, KmsId, KmsRegion, Domain, Disabled });
  return {};
};

export const deleteSignaturePolicy: ActionHandler = ({ params, region, store }) => {
  rejectUnknownParameters(params, DELETE_PARAMETERS);
  const RegistryId = requiredString(params, 'RegistryId', TCR_REQUIRED);
  const NamespaceName = requiredString(params, 'NamespaceName', TCR_REQUIRED);
  const registry = registryInRegion(store, RegistryId, region);
  checkPermission(registry, namespaceOf(store, registry, NamespaceName), 'DeleteSignaturePolicy');
  if (!store.removePolicy(RegistryId, NamespaceName)) {
    throw new ApiError(
      ErrorCode.ResourceNotFound,
      `Namespace ${NamespaceName} of registry ${RegistryId} has no signature policy.`,
    );
  }
  return {};
};
