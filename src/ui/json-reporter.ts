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
    lines.push(`${JSON.stringify(asJson(event))}\n`);
    if (event.type === 'end') lines.flush();
  };
}

/** The JSON lines keep their shape: a stop says why in words, as the other faces do; doneStatus is for the dashboard. */
function asJson(event: BatchEvent): object {
  if (event.type === 'stopping') return { ...event, message: stopMessage(event.reason) };
  if (event.type === 'start') {
    const { doneStatus: _, ...shown } = event;
    return shown;
  }
  return event;
}

const nowhere = { write: () => true } as unknown as ReporterStreams['out'];
