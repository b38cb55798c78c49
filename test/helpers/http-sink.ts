import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
}

/**
 * A local HTTP receiver on 127.0.0.1 standing in for Slack or a webhook: it records every
 * request and answers with the status `respond` chooses (after an optional delay).
 */
export async function startSink(respond: (request: ReceivedRequest, index: number) => { status: number; delayMs?: number } = () => ({ status: 200 })): Promise<{ url: string; received: ReceivedRequest[]; onRequest: (fn: (r: ReceivedRequest, index: number) => void) => void; close: () => Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const listeners: Array<(r: ReceivedRequest, index: number) => void> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request: ReceivedRequest = { headers: req.headers, body, json: safeJson(body) };
      const index = received.push(request) - 1;
      for (const listener of listeners) listener(request, index);
      const { status, delayMs } = respond(request, index);
      setTimeout(() => {
        res.statusCode = status;
        res.end('ok');
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    onRequest: (fn) => listeners.push(fn),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
