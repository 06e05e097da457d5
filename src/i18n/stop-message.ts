import { t } from './messages.js';

/** Why a run stops, as every face says it; the engine's `stopping` event carries the reason. */
export function stopMessage(reason: 'interrupt' | 'auth-failure' | 'unreachable' | 'abort'): string {
  return t(`stop.${reason}`);
}
