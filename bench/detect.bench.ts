/**
 * Detection bench. Baselines measured in the same run on the same gzipped CloudTrail files:
 *   - the floor: Node's gunzip + JSON.parse of each file, nothing else (one thread);
 *   - DuckDB reading the same files with read_json and running the single-event rules as one
 *     WHERE clause (the SQL a user would write for them).
 * Vigil runs every built-in rule and detector, on 1 thread and on 2 (this thread + 1 worker). Goal: ≥ 0.6 of the
 * floor on one thread, faster than DuckDB. Peak RSS is sampled during each run.
 * Size: VIGIL_BENCH_DETECT_MB (gzipped MB, default 24).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { runDetection } from '../src/detect/index.ts';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Mostly routine calls, a few the rules care about.
const CALLS: Array<[string, string, number]> = [
  ['ec2.amazonaws.com', 'DescribeInstances', 30], ['s3.amazonaws.com', 'GetObject', 25], ['sts.amazonaws.com', 'AssumeRole', 15],
  ['s3.amazonaws.com', 'ListBuckets', 8], ['kms.amazonaws.com', 'Decrypt', 8], ['secretsmanager.amazonaws.com', 'GetSecretValue', 4],
  ['iam.amazonaws.com', 'CreateAccessKey', 1], ['cloudtrail.amazonaws.com', 'StopLogging', 1], ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', 1],
  ['signin.amazonaws.com', 'ConsoleLogin', 2], ['ec2.amazonaws.com', 'RunInstances', 2], ['ssm.amazonaws.com', 'SendCommand', 1], ['iam.amazonaws.com', 'AttachUserPolicy', 1],
];
const WEIGHTS = CALLS.reduce((s, c) => s + c[2], 0);

function event(random: () => number, i: number, time: number) {
  let pick = random() * WEIGHTS;
  const [source, name] = CALLS.find((c) => (pick -= c[2]) < 0) ?? CALLS[0]!;
  const user = `user${Math.floor(random() * 200)}`;
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${Math.floor(random() * 1e12)}`, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333', accessKeyId: `AKIA${Math.floor(random() * 1e15)}`, userName: user },
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'), eventSource: source, eventName: name, awsRegion: random() < 0.9 ? 'us-east-1' : 'eu-west-1',
    sourceIPAddress: `52.94.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`, userAgent: `aws-sdk-js/3.${Math.floor(random() * 900)}.0 os/linux`,
    requestParameters: { bucketName: `bucket-${Math.floor(random() * 1000)}`, key: `data/${random().toString(36).slice(2)}.csv`, userName: random() < 0.5 ? user : `svc${Math.floor(random() * 9)}`, cidrIp: random() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'trail', instanceType: 't3.micro' },
    responseElements: name === 'ConsoleLogin' ? { ConsoleLogin: random() < 0.5 ? 'Success' : 'Failure' } : null,
    additionalEventData: name === 'ConsoleLogin' ? { MFAUsed: 'Yes' } : undefined,
    requestID: random().toString(36).slice(2), eventID: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${Math.floor(random() * 1e12).toString(16).padStart(12, '0')}`,
    readOnly: name.startsWith('Describe') || name.startsWith('Get') || name.startsWith('List'), eventType: 'AwsApiCall', managementEvent: true, recipientAccountId: '111122223333', eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source}` },
  };
}

export function generate(dir: string, mb: number): { files: string[]; events: number; gzBytes: number } {
  const random = rng(11);
  const files: string[] = [];
  let events = 0;
  let gzBytes = 0;
  let time = Date.UTC(2026, 9, 1);
  while (gzBytes < mb * 1024 * 1024) {
    const records = [];
    for (let e = 0; e < 500; e++) records.push(event(random, events++, (time += 800)));
    const gz = gzipSync(Buffer.from(JSON.stringify({ Records: records })));
    const file = join(dir, `111122223333_CloudTrail_us-east-1_${String(files.length).padStart(5, '0')}.json.gz`);
    writeFileSync(file, gz);
    files.push(file);
    gzBytes += gz.length;
  }
  return { files, events, gzBytes };
}

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

export default async function detectBench(): Promise<void> {
  const mb = Number(process.env.VIGIL_BENCH_DETECT_MB ?? 24);
  const work = mkdtempSync(join(tmpdir(), 'vigil-detect-bench-'));
  try {
    const dir = join(work, 'logs');
    mkdirSync(dir);
    const data = generate(dir, mb);
    console.log(`${data.files.length} files, ${data.events} CloudTrail events, ${fmt(data.gzBytes / 2 ** 20)} MB gzip`);
    const rate = (ms: number) => `${fmt(data.events / (ms / 1000) / 1000)}k events/s`;

    const floorRun = () => {
      let n = 0;
      for (const file of data.files) n += (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records.length;
      return n;
    };
    floorRun();
    const floor = [await measure(floorRun), await measure(floorRun)].sort((a, b) => a.ms - b.ms)[0]!;
    console.log(`floor (gunzip + JSON.parse, 1 thread): ${fmt(floor.ms)} ms  ${rate(floor.ms)}  cpu ${fmt(floor.cpuMs)} ms`);

    // DuckDB first (warmed, best of two like the others) so every Vigil line can be set against it.
    const duckRun = async () => {
      const instance = await DuckDBInstance.create(':memory:');
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
    };
    await duckRun();
    const duck = [await measure(duckRun), await measure(duckRun)].sort((a, b) => a.ms - b.ms)[0]!;
    console.log(
      `duckdb read_json + single-event rules as SQL (all its threads): ${fmt(duck.ms)} ms  ${rate(duck.ms)}  ratio to floor ${(floor.ms / duck.ms).toFixed(2)}  ` +
        `cpu ${fmt(duck.cpuMs)} ms  peak RSS ${fmt(duck.peakMb)} MB  (${duck.value} matching events)`,
    );

    const detect = (workers: number) => async () => {
      const result = await runDetection([dir], { workers });
      if (result.stats.events.parsed !== data.events) throw new Error(`vigil read ${result.stats.events.parsed} events, ${data.events} written`);
      return result.findings.length;
    };
    await detect(1)();
    for (const workers of [1, 2]) {
      const run = [await measure(detect(workers)), await measure(detect(workers))].sort((a, b) => a.ms - b.ms)[0]!;
      console.log(
        `vigil detect, ${workers} thread${workers > 1 ? 's' : ''}, all built-in rules: ${fmt(run.ms)} ms  ${rate(run.ms)}  ` +
          `ratio to floor ${(floor.ms / run.ms).toFixed(2)} (goal >= 0.60 on 1; by CPU time ${(floor.cpuMs / run.cpuMs).toFixed(2)})  ` +
          `speed vs duckdb ${(duck.ms / run.ms).toFixed(2)} (goal > 1)  peak RSS ${fmt(run.peakMb)} MB  ${run.value} findings`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
