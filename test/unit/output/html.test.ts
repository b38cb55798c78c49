import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtmlReport } from '../../../src/output/html.ts';
import { tempDir } from '../../helpers/vigil.ts';
import { ALL, PUBLIC_BUCKET, TRAIL_STOPPED, XSS, sampleReport } from './fixtures/findings.ts';

// The payloads sit in a resource name and id, a title, a description, a user agent in the
// evidence and an evidence field, and in a section the demo adds.
const SECTION = { title: `Demo ${XSS.script}`, paragraphs: [XSS.img], table: { columns: ['stage', XSS.close], rows: [['detect', XSS.script]] } };
const html = renderHtmlReport(sampleReport(ALL, { stats: { read: 3, skipped: 1, note: XSS.close } }), [SECTION]);

test('no payload appears unescaped anywhere in the page', () => {
  for (const payload of Object.values(XSS)) assert.ok(!html.includes(payload), payload);
  assert.doesNotMatch(html, /<img/i);
  assert.equal(html.match(/<script/gi)!.length, 2, 'only the data element and the page script');
  assert.equal(html.match(/<\/script/gi)!.length, 2);
  assert.match(html, /<h2>Demo &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h2>/);
  assert.match(html, /<h3>stats<\/h3><pre>\{\n {2}&quot;read&quot;: 3,/);
});

test('the page is self-contained and its CSP allows only its own script', () => {
  assert.doesNotMatch(html, /<link|@import|\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
  assert.match(csp, /default-src 'none'/);
  const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html)![1]!;
  const hash = createHash('sha256').update(script).digest('base64');
  assert.ok(csp.includes(`script-src 'sha256-${hash}'`));
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
});

test('the embedded data round-trips to the findings', () => {
  const json = /<script type="application\/json" id="vigil-data">([^<]*)<\/script>/.exec(html)![1]!;
  const data = JSON.parse(json);
  assert.equal(data.findings.length, ALL.length);
  assert.equal(data.findings.find((f: { id: string }) => f.id === TRAIL_STOPPED.id).evidence.userAgent, TRAIL_STOPPED.evidence.userAgent);
});

test('header shows severity counts, charts and top failing controls', () => {
  assert.match(html, /<span class="n">1<\/span>CRITICAL/);
  assert.match(html, /<span class="n">2<\/span>HIGH/);
  assert.equal(html.match(/<svg /g)!.length, 2);
  assert.match(html, /<td>cis-aws-5\.0\.0 1\.3<\/td><td>iam-root-access-key<\/td>/);
});

const CHROMIUM = process.env.VIGIL_TEST_CHROMIUM || '/usr/bin/chromium';

test('in a real browser: no dialog, no request, table renders the text', { skip: existsSync(CHROMIUM) ? false : `no chromium at ${CHROMIUM}` }, async () => {
  const { chromium } = await import('playwright-core');
  const file = join(tempDir(), 'report.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });

    const rows = page.locator('#findings-body tr.row');
    assert.equal(await rows.count(), ALL.length);
    const bucketRow = rows.filter({ hasText: 's3-bucket-public-access' });
    assert.equal(await bucketRow.locator('td.c-resource').textContent(), PUBLIC_BUCKET.resource.name);
    assert.equal(await page.locator('img, script:not(#vigil-data)').count(), 1, 'only the page script');

    await bucketRow.click();
    const detail = page.locator('.detail');
    assert.ok((await detail.locator('pre').textContent())!.includes(XSS.close));
    assert.equal(await detail.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await detail.locator('a[href^="https://docs.aws.amazon.com"]').count(), 1);

    await page.fill('#f-text', 'alice');
    assert.equal(await rows.count(), 1);
    assert.equal(await page.locator('#shown-count').textContent(), `1 of ${ALL.length} findings shown`);
    await page.fill('#f-text', '');
    await page.selectOption('#f-severity', 'CRITICAL');
    assert.equal(await rows.count(), 1);
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-status', 'PASS');
    assert.equal(await rows.count(), 1);
    await page.selectOption('#f-status', '');
    await page.locator('#findings-head th', { hasText: 'Title' }).click();
    assert.match((await rows.first().locator('td.c-title').textContent())!, /^Bucket <script>/);
    // severity sorts worst first; within a severity the report's order (FAIL before ERROR before PASS) stays
    await page.locator('#findings-head th', { hasText: 'Severity' }).click();
    assert.deepEqual(await rows.locator('td.c-status').allTextContents(), ['FAIL', 'FAIL', 'ERROR', 'PASS', 'FINDING']);

    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [pathToFileURL(file).href]);
  } finally {
    await browser.close();
  }
});
