import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../core/errors.ts';
import { WORKFLOW_STATES, type WorkflowState } from '../core/finding.ts';
import { filterFromOptions } from '../hub/filters.ts';
import { findPlaybook } from '../hub/playbooks.ts';
import type { FindingsStore } from '../hub/store.ts';
import { makeReport, renderHtmlReport } from '../output/index.ts';
import { checkRequest, isLoopback, sameSecret, type AccessPolicy } from './auth.ts';
import { findingPage } from './pages.ts';

/**
 * `vigil serve`: the dashboard over the findings store. Pages are rendered on the server from
 * the store (the same report the CLI writes, live), and a small JSON API serves the same
 * filters as `vigil findings list`. Binds 127.0.0.1 unless told otherwise; any other address
 * needs a token.
 */

export interface ServeOptions extends AccessPolicy {
  store: FindingsStore;
  log?: (message: string) => void;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export async function startServer(options: ServeOptions): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  if (!isLoopback(options.host) && !options.token) {
    throw new InputError(`refusing to listen on ${options.host} without a token: set VIGIL_SERVE_TOKEN (or serve.tokenEnv in vigil.yaml)`, '--host');
  }
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      const status = error instanceof InputError ? 400 : 500;
      options.log?.(`${request.method} ${request.url?.split('?')[0]}: ${(error as Error).message}`);
      send(response, status, 'application/json', JSON.stringify({ error: status === 400 ? (error as Error).message : 'internal error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': `${type}; charset=utf-8`, ...headers });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse, options: ServeOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const mutation = method !== 'GET' && method !== 'HEAD';

  // `/?token=…` once, from a link: swap it for an HttpOnly cookie and drop it from the URL.
  const queryToken = url.searchParams.get('token');
  if (!mutation && queryToken && options.token && sameSecret(queryToken, options.token)) {
    url.searchParams.delete('token');
    return send(response, 303, 'text/plain', 'see other', { location: `${url.pathname}${url.search}`, 'set-cookie': `vigil_token=${encodeURIComponent(queryToken)}; HttpOnly; SameSite=Strict; Path=/` });
  }
  const verdict = checkRequest(request, options, mutation);
  if (!verdict.ok) return send(response, verdict.status, 'application/json', JSON.stringify({ error: verdict.reason }));

  const { store } = options;
  const query = Object.fromEntries(url.searchParams);
  const path = url.pathname;

  if (method === 'GET' && path === '/') {
    const filter = filterFromOptions({ workflow: 'NEW,NOTIFIED', ...query });
    const findings = await store.list(filter);
    const scans = await store.scans(10);
    const report = makeReport('serve', findings, undefined, 'Vigil — findings');
    const html = renderHtmlReport(report, [
      {
        title: 'Recent scans',
        table: { columns: ['Scan', 'When', 'Command', 'Open', 'Created', 'Resolved'], rows: scans.map((s) => [s.id, s.at, s.command, s.summary.open ?? 0, s.summary.created ?? 0, s.summary.resolved ?? 0]) },
      },
    ]);
    return send(response, 200, 'text/html', html);
  }
  const page = /^\/findings\/([^/]+)$/.exec(path);
  if (method === 'GET' && page) {
    const finding = await store.get(decodeURIComponent(page[1]!));
    if (!finding) return send(response, 404, 'text/plain', 'no such finding');
    return send(response, 200, 'text/html', findingPage(finding, await store.history(finding.id), findPlaybook(finding)));
  }
  if (method === 'GET' && path === '/api/findings') return send(response, 200, 'application/json', JSON.stringify({ findings: await store.list(filterFromOptions(query)) }));
  const api = /^\/api\/findings\/([^/]+)(\/workflow)?$/.exec(path);
  if (method === 'GET' && api && !api[2]) {
    const finding = await store.get(decodeURIComponent(api[1]!));
    if (!finding) return send(response, 404, 'application/json', JSON.stringify({ error: 'no such finding' }));
    return send(response, 200, 'application/json', JSON.stringify({ finding, history: await store.history(finding.id) }));
  }
  if (method === 'POST' && api?.[2]) {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'application/json', JSON.stringify({ error: 'send application/json' }));
    const body = JSON.parse(await readBody(request)) as { workflow?: string; note?: string; by?: string };
    const workflow = String(body.workflow ?? '').toUpperCase();
    if (!(WORKFLOW_STATES as readonly string[]).includes(workflow)) throw new InputError(`workflow must be one of ${WORKFLOW_STATES.join(', ')}`);
    const changed = await store.updateWorkflow([decodeURIComponent(api[1]!)], workflow as WorkflowState, `dashboard${body.by ? `:${body.by}` : ''}`, body.note);
    return send(response, 200, 'application/json', JSON.stringify({ changed }));
  }
  if (method === 'GET' && path === '/api/trends') return send(response, 200, 'application/json', JSON.stringify({ trends: await store.trends(Number(query.days ?? 30)) }));
  if (method === 'GET' && path === '/api/scans') return send(response, 200, 'application/json', JSON.stringify({ scans: await store.scans() }));
  return send(response, 404, 'text/plain', 'not found');
}

async function readBody(request: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > limit) throw new InputError('request body too large');
  }
  return body;
}
