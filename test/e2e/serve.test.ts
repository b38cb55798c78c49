import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.ts';
import { FindingsStore } from '../../src/hub/store.ts';
import { runVigil, tempDir, VIGIL_BIN } from '../helpers/vigil.ts';
import { chromiumPath, CHROMIUM_ARGS } from '../helpers/browser.ts';

const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const TOKEN = 'test-token-123';
let child: ChildProcess;
let base = '';
let storePath = '';

before(async () => {
  storePath = join(tempDir(), 'v.db');
  const store = await FindingsStore.open(storePath);
  const finding: Finding = {
    id: 'vigil-hostile', source: 'detection', type: 'PenTest:IAMUser/KaliLinux', severity: 'MEDIUM', title: `API call from ${HOSTILE}`, description: `userAgent ${HOSTILE}`,
    account: '111122223333', region: 'us-east-1', resource: { type: 'AWS::IAM::User', id: HOSTILE }, compliance: {}, evidence: { userAgent: HOSTILE },
    firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', count: 1,
  };
  await store.ingest([finding], { command: 'detect' });
  await store.close();
  child = spawn(process.execPath, [VIGIL_BIN, 'serve', '--store', storePath, '--port', '0'], { env: { ...process.env, VIGIL_SERVE_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk) => {
      err += chunk;
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
  });
});

after(() => child?.kill('SIGTERM'));

test('the dashboard page escapes attacker-controlled text and sends security headers', async () => {
  const response = await fetch(`${base}/`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  const html = await response.text();
  assert.ok(!html.includes('<script>alert(1)</script>'));
  assert.ok(!html.includes('<img src=x'));
  const detail = await (await fetch(`${base}/findings/vigil-hostile`)).text();
  assert.ok(!detail.includes('<img src=x'));
  assert.match(detail, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('DNS rebinding and cross-origin requests are refused; changes need the token', async () => {
  const { request } = await import('node:http');
  const status = await new Promise<number>((resolve) => {
    const url = new URL(base);
    request({ host: url.hostname, port: url.port, path: '/', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0)).end();
  });
  assert.equal(status, 421);
  const post = (headers: Record<string, string>) => fetch(`${base}/api/findings/vigil-hostile/workflow`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ workflow: 'RESOLVED', note: 'fixed' }) });
  assert.equal((await post({})).status, 401);
  assert.equal((await post({ authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' })).status, 403);
  const ok = await post({ authorization: `Bearer ${TOKEN}` });
  assert.equal(ok.status, 200);
  const api = (await (await fetch(`${base}/api/findings/vigil-hostile`)).json()) as { finding: { workflow: string }; history: Array<{ note?: string }> };
  assert.equal(api.finding.workflow, 'RESOLVED');
  assert.equal(api.history.at(-1)?.note, 'fixed');
});

test('listening beyond loopback without a token is refused (exit 2)', async () => {
  const run = await runVigil(['serve', '--store', storePath, '--host', '0.0.0.0', '--port', '0'], { env: { VIGIL_SERVE_TOKEN: '' } });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /without a token/);
});

const chromium = chromiumPath();
test('in a real browser the page renders the hostile text as text and runs no injected script', { skip: chromium.skip }, async () => {
  const { chromium: playwright } = await import('playwright-core');
  const browser = await playwright.launch({ executablePath: chromium.path, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/?workflow=NEW,NOTIFIED,RESOLVED`);
    await page.waitForSelector('table');
    const text = await page.textContent('body');
    assert.ok(text?.includes('<script>alert(1)</script>'), 'the payload is shown as text');
    await page.screenshot({ path: join(tempDir(), 'dashboard.png') });
    assert.deepEqual(dialogs, []);
  } finally {
    await browser.close();
  }
});
