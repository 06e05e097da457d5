import type { StopReason } from '../core/batch-events.js';
import { t } from './messages.js';

/** Why a run stops, as every face says it; the engine's `stopping` event carries the reason. */
export function stopMessage(reason: StopReason): string {
  return t(`stop.${reason}`);
}
