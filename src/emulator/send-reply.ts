import type { IncomingMessage, ServerResponse } from 'node:http';

/** How a request ends: an API answer (always HTTP 200), a bare gateway error, or a cut connection. */
export type Reply =
  | {
      readonly kind: 'answer';
      readonly requestId: string;
      /** `Response` without RequestId: the action's fields, or `{Error: {Code, Message}}`. */
      readonly fields: Readonly<Record<string, unknown>>;
      /** `ok` or the error code, for counting and the log. */
      readonly outcome: string;
      /** Close the connection after answering (the body was not read to its end). */
      readonly close?: boolean;
    }
  | { readonly kind: 'http-error'; readonly status: 502 | 503 }
  | { readonly kind: 'drop'; readonly outcome: 'dropped-before' | 'dropped-after' };

export function errorReply(requestId: string, code: string, message: string, close = false): Reply {
  return { kind: 'answer', requestId, fields: { Error: { Code: code, Message: message } }, outcome: code, close };
}

const GATEWAY_PAGES: Record<502 | 503, string> = {
  502: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n',
  503: '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>\n',
};

/** Writes the reply; returns the HTTP status sent (0 for a dropped connection). */
export function sendReply(request: IncomingMessage, response: ServerResponse, reply: Reply): number {
  if (response.destroyed) return 0;
  if (reply.kind === 'drop') {
    request.socket.destroy();
    return 0;
  }
  if (reply.kind === 'http-error') {
    response.writeHead(reply.status, { 'Content-Type': 'text/html', Connection: 'close' });
    response.end(GATEWAY_PAGES[reply.status]);
    return reply.status;
  }
  const text = JSON.stringify({ Response: { ...reply.fields, RequestId: reply.requestId } });
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(reply.close ? { Connection: 'close' } : {}),
  });
  response.end(text);
  return 200;
}
