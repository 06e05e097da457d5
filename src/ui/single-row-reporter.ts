import type { BatchEvent, BatchEventListener } from '../core/batch-events.js';
import { hintFor } from '../core/error-hints.js';
import { isPolicyResult } from '../core/result.js';
import { formatDuration } from './format-duration.js';
import type { ReporterStreams } from './plain-reporter.js';
import { stopMessage } from '../i18n/stop-message.js';
import { t } from '../i18n/messages.js';

/** The face of `create`: one policy, told in full sentences, with a hint when it failed. */
export function createSingleRowReporter({ out, err }: ReporterStreams): BatchEventListener {
  return (event: BatchEvent) => {
    if (event.type === 'row-retry') err.write(`${t('one.retrying', { code: event.errorCode, delay: formatDuration(event.delayMs) })}\n`);
    if (event.type === 'stopping') err.write(`${stopMessage(event.reason)}\n`);
    if (event.type !== 'row-done') return;
    const r = event.result;
    const where = t('one.where', { key: `${r.RegistryId}/${r.NamespaceName}`, region: r.Region });
    switch (r.status) {
      case 'created':
        out.write(`${t('one.created', { name: isPolicyResult(r) ? r.Name : '', where })}\nRequestId: ${r.RequestId}\n${event.note ? `${t('one.note', { note: event.note })}\n` : ''}`);
        if (isPolicyResult(r) && r.Disabled === 'true') out.write(`${t('one.createdDisabled')}\n`);
        break;
      case 'dry-run':
        if (event.request) {
          const q = event.request;
          out.write(`${t('one.wouldSend', { action: q.action, version: q.version, endpoint: q.endpoint, region: q.region })}\n${q.body}\n${t('one.nothingSent')}\n`);
        }
        break;
      case 'skipped':
        out.write(`${t('one.nothingToDo', { where, why: r.ErrorMessage || t('one.alreadySigns') })}\n`);
        break;
      default: {
        const hint = hintFor(r.ErrorCode, r.ErrorMessage);
        // A plan's not-sent message already says "not sent" and holds the code: say it once.
        const notSent = r.ErrorMessage.startsWith(t('one.notSent')) ? r.ErrorMessage : r.ErrorCode ? t('one.notSentBecause', { code: r.ErrorCode, message: r.ErrorMessage }) : t('one.notSent');
        const what = r.status === 'not-sent' ? notSent : `${r.ErrorCode}: ${r.ErrorMessage}`;
        err.write(
          `${t('error.prefix', { message: what })}\n` +
            `${r.RequestId ? `RequestId: ${r.RequestId}\n` : ''}${event.note ? `${t('one.notePrefix', { note: event.note })}\n` : ''}${hint ? `${t('error.hint', { hint })}\n` : ''}`,
        );
      }
    }
  };
}
