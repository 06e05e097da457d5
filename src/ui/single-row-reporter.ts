import type { BatchEvent, BatchEventListener } from '../core/batch-events.js';
import { hintFor } from '../core/error-hints.js';
import { formatDuration } from './format-duration.js';
import type { ReporterStreams } from './plain-reporter.js';
import { stopMessage } from '../i18n/stop-message.js';

/** The face of `create`: one policy, told in full sentences, with a hint when it failed. */
export function createSingleRowReporter({ out, err }: ReporterStreams): BatchEventListener {
  return (event: BatchEvent) => {
    if (event.type === 'row-retry') err.write(`${event.errorCode}; retrying in ${formatDuration(event.delayMs)}…\n`);
    if (event.type === 'stopping') err.write(`${stopMessage(event.reason)}\n`);
    if (event.type !== 'row-done') return;
    const r = event.result;
    const where = `${r.RegistryId}/${r.NamespaceName} (${r.Region})`;
    switch (r.status) {
      case 'created':
        out.write(`Created signature policy '${r.Name}' for ${where}.\nRequestId: ${r.RequestId}\n${event.note ? `Note: ${event.note}\n` : ''}`);
        break;
      case 'dry-run':
        if (event.request) {
          const q = event.request;
          out.write(`Would send ${q.action} (version ${q.version}) to ${q.endpoint} with X-TC-Region: ${q.region}:\n${q.body}\nNothing was sent.\n`);
        }
        break;
      case 'skipped':
        out.write(`Nothing to do: ${where} ${r.ErrorMessage || 'already has a signature policy'}.\n`);
        break;
      default: {
        const hint = hintFor(r.ErrorCode);
        // A plan's not-sent message already says "not sent" and holds the code: say it once.
        const notSent = r.ErrorMessage.startsWith('not sent') ? r.ErrorMessage : `not sent${r.ErrorCode ? ` (${r.ErrorCode}: ${r.ErrorMessage})` : ''}`;
        const what = r.status === 'not-sent' ? notSent : `${r.ErrorCode}: ${r.ErrorMessage}`;
        err.write(
          `error: ${what}\n` +
            `${r.RequestId ? `RequestId: ${r.RequestId}\n` : ''}${event.note ? `note: ${event.note}\n` : ''}${hint ? `hint: ${hint}\n` : ''}`,
        );
      }
    }
  };
}
