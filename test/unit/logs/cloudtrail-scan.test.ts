import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { plainRecord, scanCloudTrailFile, ScannedRecord } from '../../../src/logs/parse/cloudtrail-scan.ts';
import { openLogs, type LogEvent, type LogProblem } from '../../../src/logs/index.ts';
import { tempDir } from '../../helpers/vigil.ts';

/** Every field a reader can ask for: the documented record contents plus the record's own keys. */
const FIELDS = [
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode',
  'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID', 'eventType', 'apiVersion',
  'managementEvent', 'readOnly', 'resources', 'recipientAccountId', 'serviceEventDetails', 'sharedEventID', 'vpcEndpointId',
  'vpcEndpointAccountId', 'eventCategory', 'addendum', 'sessionCredentialFromConsole', 'edgeDeviceDetails', 'tlsDetails', 'insightDetails', 'eventContext',
];

/** Asserts that each record reads, field by field and whole, as JSON.parse reads the same text. */
function assertSameAsJsonParse(text: string): Array<ScannedRecord | object> {
  const expected = (JSON.parse(text) as { Records: Array<Record<string, unknown>> }).Records;
  const scanned = scanCloudTrailFile(Buffer.from(text, 'utf8'), () => assert.fail('no field is invalid'));
  assert.ok(scanned, 'the file is scanned');
  assert.equal(scanned.length, expected.length);
  scanned.forEach((record, i) => {
    const plain = expected[i]!;
    for (const field of new Set([...FIELDS, ...Object.keys(plain)])) {
      assert.deepEqual((record as Record<string, unknown>)[field], plain[field], `Records[${i}].${field}`);
    }
    assert.deepEqual(JSON.parse(JSON.stringify(record)), plain, `Records[${i}] as JSON`);
    assert.deepEqual(plainRecord(record), plain);
  });
  return scanned;
}

const identity = (user: string) => ({
  type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333',
  accessKeyId: 'AKIAEXAMPLE', userName: user,
});

const record = (over: Record<string, unknown> = {}) => ({
  eventVersion: '1.09', userIdentity: identity('alice'), eventTime: '2024-03-01T10:00:00Z', eventSource: 's3.amazonaws.com',
  eventName: 'GetObject', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7', userAgent: 'aws-cli/2.15.0',
  requestParameters: { bucketName: 'reports', key: 'q1.csv' }, responseElements: null, requestID: 'R1', eventID: 'E1',
  readOnly: true, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::reports/q1.csv' }], eventType: 'AwsApiCall',
  managementEvent: false, recipientAccountId: '111122223333', eventCategory: 'Data', ...over,
});

test('scanned records read exactly as JSON.parse reads them, field by field and whole', () => {
  const records = [
    record(),
    record({ eventID: 'E2', errorCode: 'AccessDenied', errorMessage: 'User: "x" is not authorized\n', responseElements: undefined }),
    // Escapes and non-ASCII text in the fields read at once and in the lazy ones.
    record({ eventID: 'E3', userAgent: 'curl/8 "quoted" \\ back\tslash \u0001 é 日本 😀', sourceIPAddress: 'ec2.amazonaws.com' }),
    record({ eventID: 'E4', requestParameters: { 'weird "key"': ['a', { b: [1, 2.5e3, -0.1, true, false, null] }], s: '}]{[' } }),
    record({ eventID: 'E5', userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/r/i-0abc', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/r' }, attributes: { mfaAuthenticated: 'false' } } } }),
    // Fields the scanner does not know: the record is parsed whole.
    record({ eventID: 'E6', someFutureField: { x: 1 } }),
    // A field the scanner reads at once, with a value that is not a string: parsed whole too.
    record({ eventID: 'E7', errorCode: null, readOnly: 'true' }),
    { eventTime: '2024-03-01T10:00:01Z', eventName: 'Minimal', eventSource: 'x.amazonaws.com' },
  ];
  for (const text of [JSON.stringify({ Records: records }), JSON.stringify({ Records: records }, null, 2), JSON.stringify({ Records: records }, null, '\t')]) {
    const scanned = assertSameAsJsonParse(text);
    assert.ok(scanned[0] instanceof ScannedRecord);
    assert.ok(!(scanned[5] instanceof ScannedRecord), 'an unknown field means a plain record');
  }
  assert.deepEqual(assertSameAsJsonParse('{"Records":[]}'), []);
});

test('a repeated field reads as its last value, as JSON.parse reads it', () => {
  const text = '{"Records":[{"eventTime":"2024-03-01T10:00:00Z","eventName":"A","eventName":"B","requestParameters":{"a":1},"requestParameters":{"b":2}}]}';
  assertSameAsJsonParse(text);
});

test('randomized records: scanning agrees with JSON.parse', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const texts = ['', 'a', '"', '\\', '\n', 'é', '日本', '😀', '}', '{[', 'arn:aws:iam::111122223333:user/x', '203.0.113.9', '\u0000'];
  const text = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(texts)).join('');
  const value = (depth: number): unknown => {
    const r = random();
    if (depth > 2 || r < 0.4) return pick([text(), Math.floor(random() * 1e6) / 100, true, false, null]);
    if (r < 0.7) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [text() || 'k', value(depth + 1)]));
  };
  for (let file = 0; file < 30; file++) {
    const records = Array.from({ length: 20 }, (_, i) => {
      const r: Record<string, unknown> = { eventTime: `2024-03-01T10:00:${String(i).padStart(2, '0')}Z`, eventName: pick(['GetObject', 'ListUsers', text() || 'X']) };
      for (const field of FIELDS) if (random() < 0.5 && field !== 'eventTime' && field !== 'eventName') r[field] = field === 'userIdentity' ? pick([identity('a'), identity('b'), value(0)]) : random() < 0.7 ? text() : value(0);
      return r;
    });
    assertSameAsJsonParse(JSON.stringify({ Records: records }, null, random() < 0.5 ? 1 : undefined));
  }
});

test('records that repeat an identity share one object; different identities do not', () => {
  const text = JSON.stringify({ Records: [record({ eventID: '1' }), record({ eventID: '2' }), record({ eventID: '3', userIdentity: identity('bob') }), record({ eventID: '4' })] });
  const [a, b, c, d] = scanCloudTrailFile(Buffer.from(text), () => {}) as ScannedRecord[];
  assert.equal(a!.userIdentity, b!.userIdentity);
  assert.equal(a!.userIdentity, d!.userIdentity);
  assert.notEqual(a!.userIdentity, c!.userIdentity);
  assert.equal(c!.userIdentity?.userName, 'bob');
});

test('anything but a plain delivery file of CloudTrail events is left to the ordinary parser', () => {
  const scan = (text: string) => scanCloudTrailFile(Buffer.from(text), () => {});
  const good = JSON.stringify({ Records: [record()] });
  assert.ok(scan(good));
  assert.equal(scan(good.slice(0, -5)), undefined, 'truncated');
  assert.equal(scan(good.slice(0, good.indexOf('"eventID"') - 1)), undefined, 'truncated inside a record');
  assert.equal(scan(good + 'x'), undefined, 'data after the document');
  assert.equal(scan(JSON.stringify({ Records: [record()], other: 1 })), undefined, 'another top-level key');
  assert.equal(scan(JSON.stringify({ other: 1, Records: [record()] })), undefined, 'Records not first');
  assert.equal(scan(JSON.stringify({ Records: [record(), 5] })), undefined, 'a record that is not an object');
  assert.equal(scan(JSON.stringify({ Records: [{ eventName: 'NoTime' }] })), undefined, 'a record without eventTime');
  assert.equal(scan(JSON.stringify({ Records: [{ eventTime: 5, eventName: 'A' }] })), undefined, 'eventTime not a string');
  assert.equal(scan('[' + JSON.stringify(record()) + ']'), undefined, 'an array of events');
  assert.equal(scan(good.replace('"readOnly":true', '"readOnly":tru')), undefined, 'a broken literal');
  assert.equal(scan(good.replace('"awsRegion":"us-east-1"', '"awsRegion":"us-east-1" "x"')), undefined, 'missing comma');
});

test('a lazy field that is not valid JSON reads as absent and is reported once read', () => {
  const good = JSON.stringify({ Records: [record()] });
  const broken = good.replace('{"bucketName":"reports","key":"q1.csv"}', '{"bucketName":"reports",,}');
  const invalid: Array<[number, string]> = [];
  const [scanned] = scanCloudTrailFile(Buffer.from(broken), (offset, field) => invalid.push([offset, field])) as ScannedRecord[];
  assert.equal(scanned!.eventName, 'GetObject');
  assert.equal((scanned as unknown as { requestParameters: unknown }).requestParameters, undefined);
  assert.deepEqual(invalid, [[broken.indexOf('{"eventVersion"'), 'requestParameters']]);
});

test('openLogs with lazyRecords gives scanned records for delivery files and plain ones for everything else', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [record({ eventID: 'a1' }), record({ eventID: 'a2' })] })));
  writeFileSync(join(dir, 'b.json'), JSON.stringify([record({ eventID: 'b1' })]));
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ Records: [record({ eventID: 'c1' })] }).slice(0, -3));
  const problems: LogProblem[] = [];
  const stream = openLogs([dir], { lazyRecords: true, onProblem: (p) => problems.push(p) });
  const events: LogEvent[] = [];
  for await (const e of stream) events.push(e);
  const byId = new Map(events.map((e) => [(e.record as { eventID: string }).eventID, e]));
  assert.deepEqual([...byId.keys()].sort(), ['a1', 'a2', 'b1']);
  assert.ok(byId.get('a2')!.record instanceof ScannedRecord);
  assert.deepEqual(byId.get('a2')!.ref, { file: join(dir, 'a.json.gz'), index: 1 });
  assert.ok(!(byId.get('b1')!.record instanceof ScannedRecord));
  // The truncated file is reported as before.
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.file, join(dir, 'c.json'));
});

test('a file\'s bytes are given back once its events are consumed: lazy fields read while reading, not after', async () => {
  const dir = tempDir();
  // Large enough to have a buffer of its own (small ones share Node's pool and are left alone).
  const records = Array.from({ length: 200 }, (_, i) => record({ eventID: `e${i}`, requestParameters: { bucketName: `b${i}`, key: 'x'.repeat(100) } }));
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify({ Records: records })));
  const kept: LogEvent[] = [];
  const buckets: string[] = [];
  for await (const e of openLogs([dir], { lazyRecords: true })) {
    buckets.push((e.record.requestParameters as { bucketName: string }).bucketName);
    kept.push(e);
  }
  assert.deepEqual(buckets, records.map((_, i) => `b${i}`));
  // Eager fields and lazy fields already read stay; a lazy field first read after the file
  // was released is a clear error, not a wrong value.
  assert.equal((kept[5]!.record as { eventID: string }).eventID, 'e5');
  assert.equal((kept[5]!.record.requestParameters as { bucketName: string }).bucketName, 'b5');
  assert.throws(() => kept[5]!.record.responseElements, /responseElements read after the record's file was released/);
});
