/**
 * Findings store: upsert throughput for 1,000,000 findings on SQLite (and PostgreSQL when
 * VIGIL_BENCH_PG_URL names a server), then a filtered list query on that store.
 * Baseline measured in the same run: raw INSERTs of the same rows through the same driver,
 * with no lifecycle, so the ratio shows what the lifecycle and history cost.
 * Goal: ≥ 20,000 upserts/s on SQLite; filtered list < 200 ms.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Finding } from '../src/core/finding.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import { FindingsStore } from '../src/hub/store.ts';

const TOTAL = Number(process.env.VIGIL_BENCH_FINDINGS ?? 1_000_000);
const CHUNK = 10_000;

function makeFindings(offset: number, n: number): Finding[] {
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    return {
      id: `vigil-${i.toString(16).padStart(12, '0')}`, source: i % 3 === 0 ? 'detection' : 'posture', type: `check-${i % 150}`,
      status: i % 3 === 0 ? undefined : i % 2 ? 'FAIL' : 'PASS', severity: SEVERITIES[i % 5]!, title: `Finding ${i}`, description: 'A generated finding for the store benchmark.',
      account: String(100000000000 + (i % 200)), region: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'][i % 4]!,
      resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::bucket-${i}` }, compliance: { 'aws-fsbp': [`S3.${i % 20}`] }, evidence: { api: 's3:GetBucketVersioning' },
      firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', count: 1,
    };
  });
}

async function baselineInserts(location: string, n: number): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(location);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE raw (id TEXT PRIMARY KEY, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO raw (id, data) VALUES (?, ?)');
  const started = performance.now();
  for (let offset = 0; offset < n; offset += CHUNK) {
    const rows = makeFindings(offset, Math.min(CHUNK, n - offset));
    db.transaction(() => {
      for (const f of rows) insert.run(f.id, JSON.stringify(f));
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return n / seconds;
}

async function measure(name: string, location: string, n: number): Promise<void> {
  const store = await FindingsStore.open(location);
  const started = performance.now();
  // One scan of n findings, generated as it streams in (a real run never holds them all).
  async function* stream() {
    for (let offset = 0; offset < n; offset += CHUNK) yield* makeFindings(offset, Math.min(CHUNK, n - offset));
  }
  await store.ingest(stream(), { command: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const rate = n / seconds;
  // As a user meets it: `vigil findings list` opens the store a scan has closed.
  await store.close();
  const reader = await FindingsStore.open(location);
  const queries: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await reader.list({ minSeverity: 'HIGH', sources: ['posture'], workflows: ['NEW'], regions: ['eu-west-1'], limit: 100 });
    queries.push(performance.now() - t);
  }
  queries.sort((a, b) => a - b);
  await reader.close();
  console.log(`${name}: ${n.toLocaleString()} upserts in ${seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString()}/s (goal ≥ 20,000/s: ${rate >= 20_000 ? 'met' : 'NOT met'})`);
  console.log(`${name}: filtered list (HIGH+, posture, NEW, one region, 100 rows) median ${queries[2]!.toFixed(1)} ms (goal < 200 ms: ${queries[2]! < 200 ? 'met' : 'NOT met'})`);
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-store-'));
  const baseline = await baselineInserts(join(dir, 'raw.db'), Math.min(TOTAL, 200_000));
  console.log(`baseline: raw SQLite inserts of the same rows ${Math.round(baseline).toLocaleString()}/s`);
  const started = performance.now();
  await measure('sqlite', join(dir, 'vigil.db'), TOTAL);
  const rate = TOTAL / ((performance.now() - started) / 1000);
  console.log(`sqlite: ratio to raw inserts ${(rate / baseline).toFixed(2)}`);
  const pgUrl = process.env.VIGIL_BENCH_PG_URL;
  if (pgUrl) await measure('postgres', pgUrl, Math.min(TOTAL, Number(process.env.VIGIL_BENCH_PG_FINDINGS ?? 200_000)));
  else console.log('postgres: skipped (set VIGIL_BENCH_PG_URL to a scratch database to measure it)');
}
