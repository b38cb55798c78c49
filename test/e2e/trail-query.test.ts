import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runVigil, tempDir } from '../helpers/vigil.ts';

/** `vigil trail query` / `ingest` / `athena-ddl` through the real binary. */

const record = (id: string, name: string, user: string, error?: string) => ({
  eventVersion: '1.09', eventTime: '2024-06-01T09:00:00Z', eventSource: 'iam.amazonaws.com', eventName: name, awsRegion: 'us-east-1', eventID: id,
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}`, userName: user, accountId: '111122223333' },
  recipientAccountId: '111122223333', sourceIPAddress: '203.0.113.9', userAgent: '\u001b[31mred\u001b[0m', ...(error ? { errorCode: error } : {}),
});

function logs(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'one.json.gz'), gzipSync(JSON.stringify({ Records: [record('1', 'CreateUser', 'alice'), record('2', 'DeleteUser', 'alice', 'AccessDenied')] })));
  writeFileSync(join(dir, 'broken.json.gz'), gzipSync(JSON.stringify({ Records: [record('3', 'CreateUser', 'bob')] })).subarray(0, 30));
  return dir;
}

test('trail query prints csv and json, reports corrupt files on stderr and reads the rest', async () => {
  const dir = logs();
  const csv = await runVigil(['trail', 'query', 'SELECT eventname, useridentity.username AS who, errorcode FROM cloudtrail ORDER BY eventid', dir, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, 'eventname,who,errorcode\r\nCreateUser,alice,\r\nDeleteUser,alice,AccessDenied\r\n');
  assert.match(csv.stderr, /broken\.json\.gz \(offset \d+\): gzip: unexpected end of file/);
  const json = await runVigil(['trail', 'query', 'SELECT count(*) AS n FROM cloudtrail_logs', dir, '--format', 'json']);
  const parsed = JSON.parse(json.stdout) as { rows: Array<{ n: number }>; stats: { files: number; filesSkipped: number } };
  assert.deepEqual(parsed.rows, [{ n: 2 }]);
  assert.equal(parsed.stats.files, 2);
  assert.equal(parsed.stats.filesSkipped, 1);
  const table = await runVigil(['trail', 'query', 'SELECT useragent FROM cloudtrail LIMIT 1', dir, '--format', 'table']);
  assert.ok(!table.stdout.includes('\u001b'), 'terminal escapes from logs are neutralised');
  const bad = await runVigil(['trail', 'query', 'SELEKT 1', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^vigil: SQL: Parser Error/m);
});

test('trail ingest then query the Parquet folder; athena-ddl prints the projected table', async () => {
  const dir = logs();
  const store = join(tempDir(), 'pq');
  const ingest = await runVigil(['trail', 'ingest', dir, '--to', store]);
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stderr, /ingested 2 events from 2 files \(1 skipped/);
  const query = await runVigil(['trail', 'query', 'SELECT account, region, "timestamp", count(*) AS n FROM cloudtrail GROUP BY ALL', store, '--format', 'json']);
  assert.deepEqual((JSON.parse(query.stdout) as { rows: unknown[] }).rows, [{ account: '111122223333', region: 'us-east-1', timestamp: '2024/06/01', n: 2 }]);
  const ddl = await runVigil(['trail', 'athena-ddl', '--bucket', 'acme', '--org-id', 'o-abcdefghij']);
  assert.equal(ddl.code, 0);
  assert.match(ddl.stdout, /'storage\.location\.template' = 's3:\/\/acme\/AWSLogs\/o-abcdefghij\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{timestamp\}'/);
});
