/**
 * Findings store: upsert throughput for 1,000,000 findings on SQLite (and PostgreSQL when
 * VIGIL_BENCH_PG_URL names a server: the bench works in a database of its own there, created
 * and dropped), a rescan of stored findings (the update path), then a filtered list query.
 * Baseline measured in the same run: raw INSERTs of the same rows through the same driver,
 * with no lifecycle, so the ratio shows what the lifecycle and history cost.
 * Goal: ≥ 20,000 upserts/s on SQLite; filtered list < 200 ms.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Finding } from '../src/core/finding.ts';
import { SEVERITIES } from '../src/core/severity.ts';
import { FindingsStore } from '../src/hub/store.ts';

const TOTAL = Number(process.env.VIGIL_BENCH_FINDINGS ?? 1_000_000);
const RESCAN = 200_000;
const CHUNK = 10_000;

/**
 * The findings of one scan. A rescan (`day` 1) sees the same problems a day later, one in
 * seven posture results flipped (FAIL ↔ PASS): resolutions, reopenings and their history.
 */
function makeFindings(offset: number, n: number, day = 0): Finding[] {
  const seen = `2026-01-0${1 + day}T00:00:00.000Z`;
  return Array.from({ length: n }, (_, k) => {
    const i = offset + k;
    const fails = (i % 2 === 1) !== (day > 0 && i % 7 === 0);
    return {
      id: `vigil-${i.toString(16).padStart(12, '0')}`, source: i % 3 === 0 ? 'detection' : 'posture', type: `check-${i % 150}`,
      status: i % 3 === 0 ? undefined : fails ? 'FAIL' : 'PASS', severity: SEVERITIES[i % 5]!, title: `Finding ${i}`, description: 'A generated finding for the store benchmark.',
      account: String(100000000000 + (i % 200)), region: ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2'][i % 4]!,
      resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::bucket-${i}` }, compliance: { 'aws-fsbp': [`S3.${i % 20}`] }, evidence: { api: 's3:GetBucketVersioning' },
      firstSeen: seen, lastSeen: seen, count: 1,
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

// One scan of n findings, generated as it streams in (a real run never holds them all).
async function* stream(n: number, day = 0) {
  for (let offset = 0; offset < n; offset += CHUNK) yield* makeFindings(offset, Math.min(CHUNK, n - offset), day);
}

/** Upserts per second: n new findings, then a rescan of the first RESCAN of them. */
async function measure(name: string, location: string, n: number): Promise<number> {
  const store = await FindingsStore.open(location);
  const started = performance.now();
  await store.ingest(stream(n), { command: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const rate = n / seconds;
  const m = Math.min(n, RESCAN);
  const rescanStarted = performance.now();
  const rescan = await store.ingest(stream(m, 1), { command: 'bench rescan' });
  const rescanRate = m / ((performance.now() - rescanStarted) / 1000);
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
  console.log(`${name}: rescan of ${m.toLocaleString()} stored findings (${rescan.resolved.toLocaleString()} resolved, ${rescan.reopened.toLocaleString()} reopened) ${Math.round(rescanRate).toLocaleString()}/s`);
  console.log(`${name}: filtered list (HIGH+, posture, NEW, one region, 100 rows) median ${queries[2]!.toFixed(1)} ms (goal < 200 ms: ${queries[2]! < 200 ? 'met' : 'NOT met'})`);
  return rate;
}

/** A fresh database on the PostgreSQL server at `url`, dropped when `fn` is done. */
async function withScratchDatabase(url: string, fn: (url: string) => Promise<void>): Promise<void> {
  const { default: pg } = await import('pg');
  const name = `vigil_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    try {
      await fn(scratch.toString());
    } finally {
      await admin.query(`DROP DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-store-'));
  try {
    // Measured before and after the store (on a shared machine the load changes within a run);
    // the ratio uses their mean.
    const before = await baselineInserts(join(dir, 'raw-before.db'), Math.min(TOTAL, 200_000));
    console.log(`baseline: raw SQLite inserts of the same rows ${Math.round(before).toLocaleString()}/s`);
    const rate = await measure('sqlite', join(dir, 'vigil.db'), TOTAL);
    const after = await baselineInserts(join(dir, 'raw-after.db'), Math.min(TOTAL, 200_000));
    const baseline = (before + after) / 2;
    console.log(`baseline: raw SQLite inserts of the same rows, again after the store ${Math.round(after).toLocaleString()}/s (mean ${Math.round(baseline).toLocaleString()}/s)`);
    console.log(`sqlite: upserts/s to raw inserts/s ${(rate / baseline).toFixed(2)}`);
    const pgUrl = process.env.VIGIL_BENCH_PG_URL;
    const pgTotal = Math.min(TOTAL, Number(process.env.VIGIL_BENCH_PG_FINDINGS ?? 200_000));
    if (pgUrl) await withScratchDatabase(pgUrl, async (url) => void (await measure('postgres', url, pgTotal)));
    else console.log('postgres: skipped (set VIGIL_BENCH_PG_URL to a scratch database to measure it)');
  } finally {
    // A million findings leave about a gigabyte of SQLite files.
    rmSync(dir, { recursive: true, force: true });
  }
}
