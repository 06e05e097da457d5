import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from './api-error.js';
import { answerApiRequest, type PipelineDeps } from './api-pipeline.js';
import { readBody } from './read-body.js';
import type { RequestJournal } from './request-journal.js';
import { isKnownAction } from './router.js';
import { errorReply, sendReply, type Reply } from './send-reply.js';
import { answerStateView, isStateViewRequest } from './state-view.js';
import type { EmulatorState } from './types.js';

export interface HttpHandlerDeps extends PipelineDeps {
  readonly journal: RequestJournal;
  readonly maxBodyBytes: number;
  /** What `GET /_emulator/state` shows. */
  readonly state: EmulatorState;
}

function headerText(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(',') : value ?? '').trim();
}

/** The node:http request listener: reads the body (bounded), answers, and records the request. */
export function createHttpHandler(deps: HttpHandlerDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (isStateViewRequest(request)) answerStateView(request, response, deps.state);
    else void handle(request, response, deps);
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, deps: HttpHandlerDeps): Promise<void> {
  const receivedAt = new Date();
  const started = performance.now();
  const named = headerText(request, 'x-tc-action');
  let secretId = '';
  const read = await readBody(request, deps.maxBodyBytes);
  let reply: Reply;
  if (read.kind === 'aborted') {
    reply = { kind: 'drop', outcome: 'dropped-before' };
  } else if (read.kind === 'too-large') {
    const message = `The request body is larger than the limit of ${deps.maxBodyBytes} bytes.`;
    // The rest of the body is left unread, so the connection cannot carry another request.
    reply = errorReply(randomUUID(), ErrorCode.RequestSizeLimitExceeded, message, true);
  } else {
    reply = await answerApiRequest(
      {
        method: request.method ?? '',
        url: request.url ?? '/',
        headers: request.headers,
        body: read.body,
        onCaller: (id) => (secretId = id),
      },
      deps,
    );
  }
  const status = sendReply(request, response, reply);
  deps.journal.record({
    receivedAt,
    action: isKnownAction(named) ? named : '(other)',
    region: headerText(request, 'x-tc-region'),
    secretId,
    body: read.kind === 'complete' ? read.body : undefined,
    status,
    outcome: read.kind === 'aborted' ? 'aborted' : reply.kind === 'http-error' ? `http-${reply.status}` : reply.outcome,
    ms: performance.now() - started,
    ...(reply.kind === 'answer' ? { requestId: reply.requestId } : {}),
  });
}
