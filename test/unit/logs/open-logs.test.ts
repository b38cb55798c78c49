import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openLogs, type LogEvent, type LogProblem, type LogReadOptions } from '../../../src/logs/index.ts';
import { InputError } from '../../../src/core/errors.ts';
import { tempDir } from '../../helpers/vigil.ts';

const event = (id: string, time = '2024-03-01T10:00:00Z') => ({
  eventVersion: '1.09', eventTime: time, eventSource: 'iam.amazonaws.com', eventName: 'ListUsers',
  awsRegion: 'us-east-1', eventID: id, userIdentity: { type: 'IAMUser', userName: 'alice' },
});

async function read(inputs: string[], options: LogReadOptions = {}) {
  const problems: LogProblem[] = [];
  const stream = openLogs(inputs, { ...options, onProblem: (p) => problems.push(p) });
  const events: LogEvent[] = [];
  for await (const e of stream) events.push(e);
  return { events, problems, stats: stream.stats };
}

const ids = (events: LogEvent[]) => events.filter((e) => e.kind === 'cloudtrail').map((e) => (e.record as { eventID: string }).eventID).sort();

test('CloudTrail delivery files, gzip or plain, are told apart by content not name', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'one.json.gz'), gzipSync(JSON.stringify({ Records: [event('a'), event('b')] })));
  writeFileSync(join(dir, 'two.txt'), JSON.stringify({ Records: [event('c')] }, null, 2));
  writeFileSync(join(dir, 'three'), gzipSync(JSON.stringify({ Records: [event('d')] }, null, 2)));
  // A digest file of a copied trail: no events, and not a problem.
  writeFileSync(join(dir, 'digest.json.gz'), gzipSync(JSON.stringify({ digestPublicKeyFingerprint: 'ab', digestStartTime: '2024-03-01T00:00:00Z', logFiles: [] })));
  const { events, problems, stats } = await read([dir]);
  assert.deepEqual(ids(events), ['a', 'b', 'c', 'd']);
  assert.deepEqual(problems, []);
  assert.equal(stats.files, 4);
  assert.equal(stats.events, 4);
  const a = events.find((e) => (e.record as { eventID: string }).eventID === 'b');
  assert.deepEqual(a?.ref, { file: join(dir, 'one.json.gz'), index: 1 });
});

test('gzip: the size in the trailer is a hint only (a small last member, an empty file, a large file)', async () => {
  const dir = tempDir();
  // Several members: the trailer states the size of the last, tiny member only.
  const many = Array.from({ length: 3000 }, (_, i) => event(`m${i}`));
  writeFileSync(join(dir, 'members.jsonl.gz'), Buffer.concat([gzipSync(many.map((e) => JSON.stringify(e)).join('\n') + '\n'), gzipSync(`${JSON.stringify(event('last'))}\n`)]));
  writeFileSync(join(dir, 'empty.json.gz'), gzipSync(''));
  const big = Array.from({ length: 20000 }, (_, i) => event(`b${i}`));
  writeFileSync(join(dir, 'big.json.gz'), gzipSync(JSON.stringify({ Records: big })));
  const { events, problems } = await read([dir], { lazyRecords: true });
  assert.deepEqual(problems.filter((p) => !p.file.endsWith('empty.json.gz')), []);
  assert.equal(events.length, 3000 + 1 + 20000);
  assert.deepEqual(ids(events).filter((id) => id.startsWith('m') || id === 'last').length, 3001);
  assert.equal(events.filter((e) => (e.record as { eventID: string }).eventID === 'b19999').length, 1);
});

test('folders are walked recursively; files and folders mix', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01'), { recursive: true });
  writeFileSync(join(dir, 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/x.json.gz'), gzipSync(JSON.stringify({ Records: [event('deep')] })));
  const single = join(tempDir(), 'single.json');
  writeFileSync(single, JSON.stringify([event('array1'), event('array2')]));
  const { events } = await read([dir, single]);
  assert.deepEqual(ids(events), ['array1', 'array2', 'deep']);
});

test('CloudTrail events one per line: a bad line is a problem with its line number, the others are read', async () => {
  const file = join(tempDir(), 'events.log');
  writeFileSync(file, `${JSON.stringify(event('l1'))}\n${JSON.stringify(event('l2'))}\r\n{"eventVersion": broken\n\n${JSON.stringify(event('l5'))}\n`);
  const { events, problems, stats } = await read([file]);
  assert.deepEqual(ids(events), ['l1', 'l2', 'l5']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.line, 3);
  assert.equal(problems[0]?.file, file);
  assert.equal(stats.skipped, 1);
  assert.deepEqual(events.find((e) => e.ref.line === 5)?.ref, { file, line: 5 });
});

test('CloudWatch Logs subscription envelopes: gzip members concatenated, CONTROL_MESSAGE skipped', async () => {
  const envelope = (messageType: string, messages: string[]) =>
    gzipSync(JSON.stringify({ messageType, owner: '111122223333', logGroup: 'g', logStream: 's', subscriptionFilters: ['f'], logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 0, message })) }));
  const file = join(tempDir(), 'firehose-object');
  writeFileSync(file, Buffer.concat([
    envelope('CONTROL_MESSAGE', ['CWL CONTROL MESSAGE: Checking health of destination Firehose.']),
    envelope('DATA_MESSAGE', [JSON.stringify(event('cw1')), JSON.stringify(event('cw2'))]),
    envelope('DATA_MESSAGE', ['2 111122223333 eni-0a1 10.0.0.5 198.51.100.7 49152 443 6 12 3000 1709287200 1709287260 ACCEPT OK']),
  ]));
  const { events, problems } = await read([file]);
  assert.deepEqual(problems, []);
  assert.deepEqual(ids(events), ['cw1', 'cw2']);
  const flow = events.find((e) => e.kind === 'vpcflow');
  assert.equal(flow?.record.dstPort, 443);
  assert.equal(flow?.record.srcAddr, '10.0.0.5');
});

test('VPC Flow Logs: default format with and without header, custom field order, "-" and NODATA', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'default.log'), [
    'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
    '2 111122223333 eni-1 10.0.0.1 203.0.113.9 22 50000 6 10 840 1709287200 1709287260 REJECT OK',
    '2 111122223333 eni-1 - - - - - - - 1709287200 1709287260 - NODATA',
    '2 111122223333 eni-1 - - - - - - - 1709287200 1709287260 - SKIPDATA',
  ].join('\n'));
  writeFileSync(join(dir, 'noheader.log'), '2 111122223333 eni-2 10.0.0.2 203.0.113.10 443 50001 6 1 40 1709287200 1709287260 ACCEPT OK\n');
  writeFileSync(join(dir, 'custom.log.gz'), gzipSync([
    'flow-direction srcaddr dstaddr dstport action vpc-id pkt-src-aws-service version start',
    'ingress 198.51.100.1 10.0.0.3 3389 ACCEPT vpc-0abc - 5 1709287200',
  ].join('\n')));
  const { events, problems } = await read([dir]);
  assert.deepEqual(problems, []);
  const flows = events.filter((e) => e.kind === 'vpcflow').map((e) => e.record);
  assert.equal(flows.length, 5);
  const custom = flows.find((f) => f.flowDirection === 'ingress');
  assert.deepEqual(custom, { flowDirection: 'ingress', srcAddr: '198.51.100.1', dstAddr: '10.0.0.3', dstPort: 3389, action: 'ACCEPT', vpcId: 'vpc-0abc', version: 5, start: 1709287200 });
  const nodata = flows.find((f) => f.logStatus === 'NODATA');
  assert.equal(nodata?.srcAddr, undefined);
  assert.equal(nodata?.start, 1709287200);
  assert.ok(flows.some((f) => f.logStatus === 'SKIPDATA'));
  assert.ok(flows.some((f) => f.interfaceId === 'eni-2' && f.srcPort === 443));
});

test('Route 53 Resolver query logs (JSON lines)', async () => {
  const file = join(tempDir(), 'dns.log');
  const record = { version: '1.100000', account_id: '111122223333', region: 'us-east-1', vpc_id: 'vpc-1', query_timestamp: '2024-03-01T10:00:00Z', query_name: 'example.com.', query_type: 'A', query_class: 'IN', rcode: 'NOERROR', answers: [], srcaddr: '10.0.0.1', srcport: '5353', transport: 'UDP', srcids: { instance: 'i-1' } };
  writeFileSync(file, `${JSON.stringify(record)}\n${JSON.stringify({ ...record, query_name: 'evil.example.' })}\n`);
  const { events, stats } = await read([file]);
  assert.deepEqual(events.map((e) => e.kind === 'dns' && e.record.query_name), ['example.com.', 'evil.example.']);
  assert.equal(stats.byKind.dns, 2);
});

test('corrupt files are reported with file and offset and skipped; the other files are still read', async () => {
  const dir = tempDir();
  const good = gzipSync(JSON.stringify({ Records: [event('good')] }));
  writeFileSync(join(dir, '1-good.json.gz'), good);
  writeFileSync(join(dir, '2-truncated.json.gz'), gzipSync(JSON.stringify({ Records: [event('t1'), event('t2')] })).subarray(0, 60));
  writeFileSync(join(dir, '3-trailing.json.gz'), Buffer.concat([gzipSync(JSON.stringify({ Records: [event('tr')] })), Buffer.from('garbage')]));
  writeFileSync(join(dir, '4-badgzip.json.gz'), Buffer.concat([good.subarray(0, 20), Buffer.alloc(30, 0x41), good.subarray(50)]));
  writeFileSync(join(dir, '5-truncated.json'), JSON.stringify({ Records: [event('j1'), event('j2')] }).slice(0, 150));
  writeFileSync(join(dir, '6-binary'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  const { events, problems, stats } = await read([dir]);
  assert.deepEqual(ids(events), ['good']);
  const byFile = new Map(problems.map((p) => [p.file.slice(dir.length + 1), p]));
  assert.deepEqual([...byFile.keys()].sort(), ['2-truncated.json.gz', '3-trailing.json.gz', '4-badgzip.json.gz', '5-truncated.json', '6-binary']);
  assert.match(byFile.get('2-truncated.json.gz')!.reason, /gzip: unexpected end of file/);
  assert.match(byFile.get('3-trailing.json.gz')!.reason, /after the end of the gzip stream/);
  assert.match(byFile.get('5-truncated.json')!.reason, /truncated JSON/);
  for (const problem of problems) assert.equal(typeof problem.offset, 'number');
  assert.equal(stats.files, 6);
  assert.equal(stats.filesSkipped, 5);
});

test('--since/--until keep events inside the window and count the rest as filtered', async () => {
  const file = join(tempDir(), 'window.json');
  writeFileSync(file, JSON.stringify({ Records: [event('early', '2024-03-01T00:00:00Z'), event('inside', '2024-03-02T12:00:00Z'), event('late', '2024-03-04T00:00:00Z')] }));
  const { events, stats } = await read([file], { since: new Date('2024-03-02T00:00:00Z'), until: new Date('2024-03-03T00:00:00Z') });
  assert.deepEqual(ids(events), ['inside']);
  assert.equal(stats.filtered, 2);
  assert.equal(stats.events, 1);
});

test('an input that does not exist is an InputError naming it', async () => {
  await assert.rejects(read(['/nonexistent/vigil-logs']), (error: unknown) => error instanceof InputError && error.oneLine.includes('/nonexistent/vigil-logs'));
});

test('large JSON-lines files stream in batches (events arrive before the file ends)', async () => {
  const file = join(tempDir(), 'big.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) lines.push(JSON.stringify(event(`e${i}`)));
  writeFileSync(file, gzipSync(lines.join('\n')));
  const { events, stats } = await read([file]);
  assert.equal(events.length, 5000);
  assert.equal(stats.skipped, 0);
});

test('reading local files lets the event loop run between files (timers, signals, worker messages)', async () => {
  const dir = tempDir();
  for (let i = 0; i < 20; i++) writeFileSync(join(dir, `f${String(i).padStart(2, '0')}.json`), JSON.stringify({ Records: [event(`e${i}`)] }));
  let turns = 0;
  let reading = true;
  const turn = () => {
    turns++;
    if (reading) setImmediate(turn);
  };
  setImmediate(turn);
  const turnsAtEachEvent: number[] = [];
  for await (const e of openLogs([dir])) if (e.kind === 'cloudtrail') turnsAtEachEvent.push(turns);
  reading = false;
  assert.equal(turnsAtEachEvent.length, 20);
  assert.ok(turnsAtEachEvent[19]! - turnsAtEachEvent[0]! >= 10, `the loop turned while files were read (${turnsAtEachEvent.join(',')})`);
});
