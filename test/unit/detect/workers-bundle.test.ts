import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runDetection, settingsOf } from '../../../src/detect/index.ts';
import { Intel } from '../../../src/detect/intel/index.ts';
import { sharedAsnTable } from '../../../src/detect/intel/geo.ts';
import { workerBundle } from '../../../src/detect/workers/bundle.ts';
import { CACHE_DIR_ENV } from '../../../src/core/cache-dir.ts';
import { runShares, type WorkerConfig } from '../../../src/detect/workers/pool.ts';
import type { LogEvent } from '../../../src/logs/types.ts';
import { ct, mergeTrailFolder } from './events.ts';
import { tempDir } from '../../helpers/vigil.ts';

/** Runs `body` with the workers' cache folder set to `dir`. */
async function withCache<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const before = process.env[CACHE_DIR_ENV];
  process.env[CACHE_DIR_ENV] = dir;
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env[CACHE_DIR_ENV];
    else process.env[CACHE_DIR_ENV] = before;
  }
}

/** Trail files whose findings only add up when the threads' state is merged, and a corrupt one; a public login address, so the ASN table (shared memory) and the geo files are used. */
const trailFolder = () => mergeTrailFolder({ loginAddress: '8.8.8.8', broken: true });

function workerConfig(bundle?: string): WorkerConfig {
  return { asnTable: sharedAsnTable(), rules: [], builtin: true, intel: new Intel().data, settings: settingsOf({}), bundle };
}

const filesOf = (dir: string) => readdirSync(dir).sort().map((name) => join(dir, name));
const view = (r: Awaited<ReturnType<typeof runDetection>>) => r.findings.map((f) => [f.id, f.type, f.count, f.firstSeen, f.lastSeen, f.evidence]);

test('a worker started from the bundle reaches the same engine state as one through tsx', async () => {
  const dir = trailFolder();
  const cache = join(tempDir(), 'cache');
  const bundle = await workerBundle(undefined, cache);
  assert.ok(bundle, 'a bundle is built');
  assert.ok(fileURLToPath(bundle).startsWith(cache));
  // One file per worker: a worker reading several files interleaves them as they arrive,
  // so its state is only comparable file by file.
  const shares = ['part0.json', 'part1.json.gz', 'broken.json.gz'].map((name) => [join(dir, name)]);
  const problems: { bundle: unknown[]; tsx: unknown[] } = { bundle: [], tsx: [] };
  const bundled = await runShares(shares, workerConfig(bundle), (p) => problems.bundle.push(p));
  // A bundle that cannot be loaded: the worker falls back to the TypeScript through tsx.
  const viaTsx = await runShares(shares, workerConfig(pathToFileURL(join(cache, 'missing.js')).href), (p) => problems.tsx.push(p));
  assert.deepEqual(bundled.map((r) => r.via), shares.map(() => 'bundle'));
  assert.deepEqual(viaTsx.map((r) => r.via), shares.map(() => 'tsx'));
  assert.deepEqual(bundled.map((r) => r.state), viaTsx.map((r) => r.state));
  assert.deepEqual(bundled.map((r) => r.stats), viaTsx.map((r) => r.stats));
  assert.deepEqual(problems.bundle, problems.tsx);
  assert.equal(problems.bundle.length, 1, 'the corrupt file is reported by its worker');
  assert.equal(bundled.reduce((sum, r) => sum + r.stats.events, 0), 36);
});

test('a bundled worker loads no AWS SDK, no native package and no TypeScript loader', async () => {
  const bundle = await workerBundle(undefined, join(tempDir(), 'cache'));
  assert.ok(bundle);
  // Static imports, followed through the chunks: what a worker loads before its first event
  // (the S3 reader and its SDK clients are imported lazily, only for s3:// inputs).
  const loaded = new Set<string>();
  const visit = (url: string) => {
    if (loaded.has(url)) return;
    loaded.add(url);
    if (!url.startsWith('file:') || !url.includes('/worker-')) return;
    for (const match of readFileSync(fileURLToPath(url), 'utf8').matchAll(/^import\b(?!\()[^"]*"([^"]+)"/gm)) {
      visit(new URL(match[1]!, url).href);
    }
  };
  visit(bundle);
  const packages = [...loaded].filter((url) => url.includes('/node_modules/')).map((url) => url.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1'));
  assert.ok(packages.includes('yaml'), 'the rules are read with the yaml package');
  for (const unwanted of ['@aws-sdk', '@smithy', 'better-sqlite3', '@duckdb', 'tsx', 'esbuild']) {
    assert.deepEqual(packages.filter((name) => name.startsWith(unwanted)), [], unwanted);
  }
});

test('two threads through the bundled worker find exactly what one thread finds', async () => {
  const dir = trailFolder();
  const cache = join(tempDir(), 'cache');
  const [one, two] = await withCache(cache, async () => [await runDetection([dir], { workers: 1 }), await runDetection([dir], { workers: 2 })]);
  assert.equal(two.stats.workers, 2);
  assert.ok(readdirSync(cache).some((name) => name.endsWith('.json')), 'the run made its bundle in the cache folder');
  assert.deepEqual(view(two), view(one));
  assert.deepEqual(two.stats.events, one.stats.events);
  assert.equal(two.stats.problems.length, 1);
  assert.ok(one.findings.some((f) => f.type === 'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce'));
});

test('a cache folder that cannot be used: no bundle, the workers run through tsx with the same findings', async () => {
  const dir = trailFolder();
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, '');
  assert.equal(await workerBundle(undefined, join(file, 'cache')), undefined);
  // A folder others may write to is never used: workers would run what is found there.
  const open = join(tempDir(), 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  assert.equal(await workerBundle(undefined, open), undefined);
  assert.deepEqual(readdirSync(open), []);

  const [viaTsx] = await withCache(join(file, 'cache'), () => runShares([filesOf(dir)], workerConfig()));
  assert.equal(viaTsx!.via, 'tsx');
  const one = await runDetection([dir], { workers: 1 });
  const two = await withCache(join(file, 'cache'), () => runDetection([dir], { workers: 2 }));
  assert.equal(two.stats.workers, 2);
  assert.deepEqual(view(two), view(one));
});

test('the bundle is rebuilt when a source changes, reused while none does, and keeps each source its own import.meta.url', async () => {
  const src = tempDir();
  const cache = join(tempDir(), 'cache');
  const entry = join(src, 'entry.ts');
  const part = join(src, 'part.ts');
  writeFileSync(entry, "import { parse } from 'yaml';\nimport { value, where } from './part.ts';\nexport const read = (): unknown => parse(`v: ${value}`);\nexport { where };\n");
  writeFileSync(part, 'export const value: number = 1;\nexport const where = import.meta.url;\n');
  const first = await workerBundle(entry, cache);
  assert.ok(first);
  const loaded = (await import(first)) as { read: () => unknown; where: string };
  assert.deepEqual(loaded.read(), { v: 1 });
  assert.equal(loaded.where, pathToFileURL(part).href, 'import.meta.url is the source file, not the bundle');
  assert.equal(await workerBundle(entry, cache), first, 'unchanged sources: the same bundle');

  writeFileSync(part, 'export const value: number = 2;\nexport const where = import.meta.url;\n');
  const second = await workerBundle(entry, cache);
  assert.ok(second);
  assert.notEqual(second, first);
  assert.deepEqual(((await import(second)) as { read: () => unknown }).read(), { v: 2 });
  assert.ok(existsSync(fileURLToPath(first)), 'the older bundle stays for processes still using it');

  // The tsconfig.json esbuild compiles with is an input too.
  writeFileSync(join(src, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022' } }));
  const third = await workerBundle(entry, cache);
  assert.ok(third && third !== second);
  assert.equal(await workerBundle(entry, cache), third);
});

test('concurrent builds both get a whole bundle; an import.meta use a bundle would change means no bundle', async () => {
  const src = tempDir();
  const cache = join(tempDir(), 'cache');
  const entry = join(src, 'entry.ts');
  writeFileSync(entry, 'export const answer: number = 42;\n');
  const urls = await Promise.all([workerBundle(entry, cache), workerBundle(entry, cache)]);
  for (const url of urls) assert.equal(((await import(url!)) as { answer: number }).answer, 42);
  assert.deepEqual(readdirSync(cache).filter((name) => name.startsWith('tmp-') || name.endsWith('.tmp')), []);

  const odd = join(src, 'odd.ts');
  writeFileSync(odd, "export const here = import.meta.resolve('./x.js');\n");
  assert.equal(await workerBundle(odd, cache), undefined);
});

test('a small run starts no worker and builds no bundle', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'one.json'), JSON.stringify({ Records: [(ct({ eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' }) as Extract<LogEvent, { kind: 'cloudtrail' }>).record] }));
  writeFileSync(join(dir, 'two.json'), JSON.stringify({ Records: [] }));
  const cache = join(tempDir(), 'cache');
  const result = await withCache(cache, () => runDetection([dir]));
  assert.equal(result.stats.workers, 1);
  assert.equal(existsSync(cache), false);
});
