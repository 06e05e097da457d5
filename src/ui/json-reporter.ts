import type { BatchEvent, BatchEventListener } from '../core/batch-events.js';
import { createLineBuffer } from './line-buffer.js';
import { createPlainReporter, type ReporterStreams } from './plain-reporter.js';
import { stopMessage } from '../i18n/stop-message.js';

/** Every event as one JSON object per line on stdout; progress stays on stderr as plain text. */
export function createJsonReporter({ out, err }: ReporterStreams): BatchEventListener {
  const lines = createLineBuffer(out);
  const progress = createPlainReporter({ out: nowhere, err });
  return (event: BatchEvent) => {
    if (event.type === 'progress') {
      progress(event);
      return;
    }
    // The stop's human text in the run's language; `reason` is what scripts read.
    lines.push(`${JSON.stringify(event.type === 'stopping' ? { ...event, message: stopMessage(event.reason) } : event)}\n`);
    if (event.type === 'end') lines.flush();
  };
}

const nowhere = { write: () => true } as unknown as ReporterStreams['out'];
