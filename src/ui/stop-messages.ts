import type { StopReason } from '../core/batch-events.js';

/** What the faces say when a run begins to stop, by why it stops. */
export const STOP_MESSAGES: Readonly<Record<StopReason, string>> = {
  interrupt: 'Stopping: no new requests; waiting for those in flight (press Ctrl-C again to abort).',
  'auth-failure': 'Stopping: the credentials were refused; the remaining rows are not sent.',
  unreachable: 'Stopping: the endpoint refuses connections; the remaining rows are not sent (check --endpoint).',
  abort: 'Aborting: requests in flight are cut off; their outcome is recorded as unknown.',
};
