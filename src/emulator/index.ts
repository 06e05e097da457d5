export { startEmulator, DEFAULT_HOST, DEFAULT_PORT } from './start-emulator.js';
export { DEMO_SECRET_ID, DEMO_SECRET_KEY } from './demo-credentials.js';
export { resolveCredentials } from './credentials.js';
export { DEFAULT_SEED_PATH, loadSeed } from './load-seed.js';
export { ErrorCode } from './api-error.js';
export { ROUTES, TCR_VERSION, KMS_VERSION } from './router.js';
export type {
  ActionCount,
  EmulatorCredential,
  EmulatorHandle,
  EmulatorOptions,
  EmulatorState,
  FaultOptions,
  NamespaceSnapshot,
  PolicySnapshot,
  RequestLogEntry,
} from './types.js';
export type { EmulatorSeed, SeedKmsKey, SeedNamespace, SeedPolicy, SeedRegistry } from './seed-format.js';
