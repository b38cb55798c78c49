/**
 * Detection bench. Baselines measured in the same run on the same gzipped CloudTrail files:
 *   - the floor: Node's gunzip + JSON.parse of each file, nothing else (one thread);
 *   - DuckDB reading the same files with read_json and running the single-event rules as one
 *     WHERE clause (the SQL a user would write for them), on 1 thread and on 2.
 * Vigil runs every built-in rule and detector, on 1 thread and on 2 (this thread + 1 worker).
 * Goal: ≥ 0.6 of the floor on one thread, faster than DuckDB. Peak RSS is sampled during each run.
 * Two inputs (bench/cloudtrail-activity.ts): an organization's activity, and a high-entropy
 * worst case. Size: VIGIL_BENCH_DETECT_MB (gzipped MB per input, default 24).
 * VIGIL_BENCH_DETECT_LARGE_MB=N also runs a memory check on N MB of gzipped input (e.g. 5120).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { runDetection } from '../src/detect/index.ts';
import { generateActivity, type ActivityMix } from './cloudtrail-activity.ts';

/** Runs fn while sampling RSS; returns the time and the peak. */
async function measure<T>(fn: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  // CPU time of the whole process (worker threads included): stable on a busy machine.
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, value };
  } finally {
    clearInterval(timer);
  }
}

/** The single-event built-in rules most of this input can trigger, as one WHERE clause. */
const DUCKDB_RULES = `
  (r.eventSource = 'cloudtrail.amazonaws.com' AND r.eventName IN ('StopLogging', 'DeleteTrail'))
  OR (r.eventSource = 'ec2.amazonaws.com' AND r.eventName = 'AuthorizeSecurityGroupIngress' AND r.requestParameters.cidrIp LIKE '%/0')
  OR (r.eventSource = 'iam.amazonaws.com' AND r.eventName = 'CreateAccessKey' AND r.requestParameters.userName IS NOT NULL AND r.requestParameters.userName <> r.userIdentity.userName)
  OR (r.eventSource = 'iam.amazonaws.com' AND r.eventName IN ('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy') AND (r.requestParameters.policyArn LIKE '%:policy/AdministratorAccess' OR r.requestParameters.policyArn LIKE '%:policy/IAMFullAccess'))
  OR (r.eventSource = 'ssm.amazonaws.com' AND r.eventName IN ('SendCommand', 'StartSession'))
  OR (r.eventName = 'ConsoleLogin' AND r.responseElements.ConsoleLogin = 'Success' AND r.additionalEventData.MFAUsed = 'No')
  OR (r.eventName = 'RunInstances' AND regexp_matches(r.requestParameters.instanceType, '^(p\\d|g\\d|inf\\d|trn\\d|x1|x2)'))
  OR (r.userIdentity.type = 'Root')
  OR regexp_matches(lower(r.userAgent), '(^|[^a-z])(kali|parrot|pentoo)([^a-z]|$)')`;

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

async function duckdbRun(dir: string, threads: number): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM (SELECT unnest(Records) AS r FROM read_json('${join(dir, '*.json.gz')}', format = 'auto', maximum_object_size = 268435456)) WHERE ${DUCKDB_RULES}`,
    );
    return Number(reader.getRowObjectsJS()[0]!.n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Peak RSS of a detection run in a fresh process (the real footprint: code, tables, both threads). */
function childRun(dir: string, workers: number): { peakMb: number; ms: number; events: number; findings: number } {
  const script = new URL('./detect-child.ts', import.meta.url).pathname;
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { peakMb: number; ms: number; events: number; findings: number };
}

/** Best of two measured runs after one warm-up. */
async function best<T>(fn: () => Promise<T> | T): Promise<Awaited<ReturnType<typeof measure<T>>>> {
  await fn();
  return [await measure(fn), await measure(fn)].sort((a, b) => a.ms - b.ms)[0]!;
}

async function benchMix(work: string, mix: ActivityMix, mb: number): Promise<void> {
  const dir = join(work, mix);
  mkdirSync(dir);
  const data = generateActivity(dir, mb, mix);
  console.log(`\n${mix}: ${data.files.length} files, ${data.events} CloudTrail events, ${fmt(data.gzBytes / 2 ** 20)} MB gzip`);
  const rate = (ms: number) => `${fmt(data.events / (ms / 1000) / 1000)}k events/s`;

  const floor = await best(() => {
    let n = 0;
    for (const file of data.files) n += (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records.length;
    return n;
  });
  console.log(`floor (gunzip + JSON.parse, 1 thread): ${fmt(floor.ms)} ms  ${rate(floor.ms)}  cpu ${fmt(floor.cpuMs)} ms`);

  const duck = new Map<number, Awaited<ReturnType<typeof best<number>>>>();
  for (const threads of [1, 2]) {
    const run = await best(() => duckdbRun(dir, threads));
    duck.set(threads, run);
    console.log(
      `duckdb read_json + single-event rules as SQL, ${threads} thread${threads > 1 ? 's' : ''}: ${fmt(run.ms)} ms  ${rate(run.ms)}  ratio to floor ${(floor.ms / run.ms).toFixed(2)}  ` +
        `cpu ${fmt(run.cpuMs)} ms  peak RSS ${fmt(run.peakMb)} MB  (${run.value} matching events)`,
    );
  }

  for (const workers of [1, 2]) {
    const run = await best(async () => {
      const result = await runDetection([dir], { workers });
      if (result.stats.events.parsed !== data.events) throw new Error(`vigil read ${result.stats.events.parsed} events, ${data.events} written`);
      return result.findings.length;
    });
    const vsDuck = duck.get(workers)!;
    const fresh = childRun(dir, workers);
    console.log(
      `vigil detect, ${workers} thread${workers > 1 ? 's' : ''}, all built-in rules: ${fmt(run.ms)} ms  ${rate(run.ms)}  ` +
        `ratio to floor ${(floor.ms / run.ms).toFixed(2)}${workers === 1 ? ' (goal >= 0.60)' : ''}, by CPU time ${(floor.cpuMs / run.cpuMs).toFixed(2)}  ` +
        `speed vs duckdb on ${workers} thread${workers > 1 ? 's' : ''} ${(vsDuck.ms / run.ms).toFixed(2)} (goal > 1)  ${run.value} findings  ` +
        `peak RSS in a fresh process ${fmt(fresh.peakMb)} MB`,
    );
  }
}

/** Peak memory of a 2-thread run over a large input (the organization mix), generated here. */
async function benchLarge(work: string, mb: number): Promise<void> {
  const dir = join(work, 'large');
  mkdirSync(dir);
  const started = performance.now();
  const data = generateActivity(dir, mb, 'organization');
  console.log(`\nlarge input: ${data.files.length} files, ${data.events} events, ${fmt(data.gzBytes / 2 ** 20)} MB gzip (generated in ${fmt((performance.now() - started) / 1000)} s)`);
  const run = childRun(dir, 2);
  console.log(
    `vigil detect, 2 threads, in a fresh process: ${fmt(run.ms / 1000)} s  ${fmt(run.events / (run.ms / 1000) / 1000)}k events/s  ` +
      `peak RSS ${fmt(run.peakMb)} MB (goal < 500 MB)  ${run.findings} findings`,
  );
}

export default async function detectBench(): Promise<void> {
  const mb = Number(process.env.VIGIL_BENCH_DETECT_MB ?? 24);
  const work = mkdtempSync(join(tmpdir(), 'vigil-detect-bench-'));
  try {
    for (const mix of ['organization', 'high-entropy'] as const) await benchMix(work, mix, mb);
    const large = Number(process.env.VIGIL_BENCH_DETECT_LARGE_MB ?? 0);
    if (large > 0) await benchLarge(work, large);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
