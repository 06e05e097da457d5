import type { BatchEvent, BatchEventListener } from '../core/batch-events.js';
import { createLineBuffer } from './line-buffer.js';
import { createPlainReporter, type ReporterStreams } from './plain-reporter.js';

/** Every event as one JSON object per line on stdout; progress stays on stderr as plain text. */
export function createJsonReporter({ out, err }: ReporterStreams): BatchEventListener {
  const lines = createLineBuffer(out);
  const progress = createPlainReporter({ out: nowhere, err });
  return (event: BatchEvent) => {
    if (event.type === 'progress') {
      progress(event);
      return;
    }
    lines.push(`${JSON.stringify(event)}\n`);
    if (event.type === 'end') lines.flush();
  };
}

const nowhere = { write: () => true } as unknown as ReporterStreams['out'];
