import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openTrailDatabase } from '../../../src/trail/query/database.ts';
import { ingestTrail } from '../../../src/trail/query/ingest.ts';
import { runQuery } from '../../../src/trail/query/run-query.ts';
import { InputError } from '../../../src/core/errors.ts';
import { tempDir } from '../../helpers/vigil.ts';

const consoleLogin = (id: string, mfa: 'Yes' | 'No', time: string) => ({
  eventVersion: '1.08', userIdentity: { type: 'IAMUser', principalId: 'AIDAALICE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
  eventTime: time, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0', requestParameters: null, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: mfa, LoginTo: 'https://console.aws.amazon.com/' },
  eventID: id, readOnly: false, eventType: 'AwsConsoleSignIn', managementEvent: true, recipientAccountId: '111122223333', eventCategory: 'Management',
});
const apiCall = (id: string, key: string, error?: string) => ({
  eventVersion: '1.09', userIdentity: {
    type: 'AssumedRole', principalId: 'AROAEXAMPLE:deploy', arn: 'arn:aws:sts::111122223333:assumed-role/Deploy/deploy', accountId: '111122223333', accessKeyId: key,
    sessionContext: { attributes: { mfaAuthenticated: 'false', creationDate: '2024-06-01T09:00:00Z' }, sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: 'arn:aws:iam::111122223333:role/Deploy', accountId: '111122223333', userName: 'Deploy' } },
  },
  eventTime: '2024-06-01T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', awsRegion: 'eu-west-1', sourceIPAddress: '198.51.100.2',
  requestParameters: { bucketName: 'data', policy: { Statement: [] } }, responseElements: null, eventID: id, readOnly: false,
  resources: [{ ARN: 'arn:aws:s3:::data', accountId: '111122223333', type: 'AWS::S3::Bucket' }], recipientAccountId: '111122223333',
  tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 's3.eu-west-1.amazonaws.com' },
  ...(error ? { errorCode: error, errorMessage: 'Access Denied' } : {}),
});

function writeLogs(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [consoleLogin('c1', 'No', '2024-06-01T08:00:00Z'), consoleLogin('c2', 'Yes', '2024-06-01T08:30:00Z')] })));
  writeFileSync(join(dir, 'b.jsonl'), [apiCall('p1', 'ASIAKEYONE'), apiCall('p2', 'ASIAKEYONE', 'AccessDenied'), apiCall('p3', 'ASIAKEYTWO', 'AccessDenied')].map((r) => JSON.stringify(r)).join('\n'));
  return dir;
}

test('the cloudtrail view has Athena\'s column names, nesting and types; Athena-style queries run unchanged', async () => {
  const db = await openTrailDatabase([writeLogs()]);
  try {
    // Console logins without MFA, as the Athena documentation writes it.
    const noMfa = await runQuery(db.connection, "SELECT useridentity.username, sourceipaddress, eventtime FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' AND json_extract_scalar(additionaleventdata, '$.MFAUsed') = 'No'");
    assert.deepEqual(noMfa.rows, [{ username: 'alice', sourceipaddress: '203.0.113.7', eventtime: '2024-06-01T08:00:00Z' }]);
    // Errors by principal.
    const errors = await runQuery(db.connection, 'SELECT useridentity.arn AS principal, errorcode, count(*) AS n FROM cloudtrail WHERE errorcode IS NOT NULL GROUP BY 1, 2');
    assert.deepEqual(errors.rows, [{ principal: 'arn:aws:sts::111122223333:assumed-role/Deploy/deploy', errorcode: 'AccessDenied', n: 2 }]);
    // One access key's activity, nested struct fields and arrays of structs.
    const key = await runQuery(db.connection, "SELECT eventid, useridentity.sessioncontext.sessionissuer.username AS role, useridentity.sessioncontext.attributes.mfaauthenticated AS mfa, resources[1].arn AS bucket, tlsdetails.tlsversion AS tls, readonly FROM cloudtrail WHERE useridentity.accesskeyid = 'ASIAKEYONE' ORDER BY eventid");
    assert.deepEqual(key.rows, [
      { eventid: 'p1', role: 'Deploy', mfa: 'false', bucket: 'arn:aws:s3:::data', tls: 'TLSv1.3', readonly: 'false' },
      { eventid: 'p2', role: 'Deploy', mfa: 'false', bucket: 'arn:aws:s3:::data', tls: 'TLSv1.3', readonly: 'false' },
    ]);
    // requestparameters is JSON text, as Athena's SerDe gives it; partition-like columns exist.
    const text = await runQuery(db.connection, "SELECT typeof(requestparameters) AS t, json_extract_scalar(requestparameters, '$.bucketName') AS b, account, region, \"timestamp\" FROM cloudtrail WHERE eventid = 'p1'");
    assert.deepEqual(text.rows, [{ t: 'VARCHAR', b: 'data', account: '111122223333', region: 'eu-west-1', timestamp: '2024/06/01' }]);
    const time = await runQuery(db.connection, "SELECT count(*) AS n FROM cloudtrail WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2024-06-01T09:00:00Z')");
    assert.deepEqual(time.rows, [{ n: 3 }]);
  } finally {
    db.close();
  }
});

test('bad SQL is an InputError', async () => {
  const db = await openTrailDatabase([writeLogs()]);
  try {
    await assert.rejects(runQuery(db.connection, 'SELECT nosuchcolumn FROM cloudtrail'), InputError);
  } finally {
    db.close();
  }
});

test('ingest writes account/region/date Parquet that the view reads back with the same columns', async () => {
  const logs = writeLogs();
  const store = join(tempDir(), 'parquet');
  const result = await ingestTrail([logs], store);
  assert.equal(result.rows, 5);
  const db = await openTrailDatabase([store]);
  try {
    const rows = await runQuery(db.connection, "SELECT account, region, \"timestamp\", count(*) AS n FROM cloudtrail GROUP BY ALL ORDER BY region");
    assert.deepEqual(rows.rows, [
      { account: '111122223333', region: 'eu-west-1', timestamp: '2024/06/01', n: 3 },
      { account: '111122223333', region: 'us-east-1', timestamp: '2024/06/01', n: 2 },
    ]);
    const nested = await runQuery(db.connection, "SELECT useridentity.sessioncontext.sessionissuer.arn AS issuer FROM cloudtrail WHERE eventid = 'p3'");
    assert.deepEqual(nested.rows, [{ issuer: 'arn:aws:iam::111122223333:role/Deploy' }]);
  } finally {
    db.close();
  }
});

test('folders of delivery files are read by DuckDB directly, with the same view; a corrupt file falls back to the log sources', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [consoleLogin('c1', 'No', '2024-06-01T08:00:00Z'), apiCall('p1', 'ASIAKEYONE')] })));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ Records: [apiCall('p2', 'ASIAKEYTWO', 'AccessDenied')] }));
  const sql = "SELECT eventid, useridentity.sessioncontext.sessionissuer.username AS role, json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfa, resources[1].arn AS res, readonly, \"timestamp\" FROM cloudtrail ORDER BY eventid";
  const expected = [
    { eventid: 'c1', role: null, mfa: 'No', res: null, readonly: 'false', timestamp: '2024/06/01' },
    { eventid: 'p1', role: 'Deploy', mfa: null, res: 'arn:aws:s3:::data', readonly: 'false', timestamp: '2024/06/01' },
    { eventid: 'p2', role: 'Deploy', mfa: null, res: 'arn:aws:s3:::data', readonly: 'false', timestamp: '2024/06/01' },
  ];
  const direct = await openTrailDatabase([dir]);
  try {
    assert.deepEqual((await runQuery(direct.connection, sql)).rows, expected);
    assert.equal(direct.stats?.events, 3);
  } finally {
    direct.close();
  }
  writeFileSync(join(dir, 'c.json.gz'), gzipSync(JSON.stringify({ Records: [apiCall('p3', 'ASIAKEYTWO')] })).subarray(0, 50));
  const problems: string[] = [];
  const fallback = await openTrailDatabase([dir], { onProblem: (p) => problems.push(p.file) });
  try {
    assert.deepEqual((await runQuery(fallback.connection, sql)).rows, expected);
    assert.deepEqual(problems, [join(dir, 'c.json.gz')]);
    assert.equal(fallback.stats?.filesSkipped, 1);
  } finally {
    fallback.close();
  }
});
