import type { ApiOutcome } from './api-outcome.js';

export type ApiService = 'tcr' | 'kms';

/** The API calls the tool makes, whatever carries them (the SDK over HTTP, or a fake in unit tests). */
export interface TcrApi {
  call(
    service: ApiService,
    action: string,
    region: string,
    params: object,
    signal?: AbortSignal,
  ): Promise<ApiOutcome>;
}
