import { test } from 'node:test';
import assert from 'node:assert/strict';
import { athenaDdl } from '../../../src/trail/athena-ddl.ts';
import { InputError } from '../../../src/core/errors.ts';

test('CloudTrail DDL: Athena columns, partition projection and the exact location template', () => {
  const ddl = athenaDdl({ kind: 'cloudtrail', bucket: 'audit-logs', prefix: '/trails/', accounts: ['111122223333', '444455556666'], regions: ['us-east-1'] });
  assert.match(ddl, /^CREATE EXTERNAL TABLE cloudtrail_logs \(/);
  for (const column of ['eventversion STRING', 'eventtime STRING', 'requestparameters STRING', 'readonly STRING', 'recipientaccountid STRING', 'sharedeventid STRING', 'vpcendpointid STRING']) assert.ok(ddl.includes(`    ${column},`), column);
  assert.match(ddl, /useridentity STRUCT<\n\s+type: STRING,\n\s+principalid: STRING/);
  assert.match(ddl, /resources ARRAY<STRUCT<\n\s+arn: STRING,\n\s+accountid: STRING,\n\s+type: STRING>>/);
  assert.match(ddl, /PARTITIONED BY \(account STRING, region STRING, `timestamp` STRING\)/);
  assert.ok(ddl.includes("LOCATION 's3://audit-logs/trails/AWSLogs/'"));
  assert.ok(ddl.includes("'projection.account.values' = '111122223333,444455556666'"));
  assert.ok(ddl.includes("'projection.timestamp.format' = 'yyyy/MM/dd'"));
  assert.ok(ddl.includes("'storage.location.template' = 's3://audit-logs/trails/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'"));
});

test('organization trails put the org id before the account; no --accounts means an injected account partition', () => {
  const ddl = athenaDdl({ kind: 'cloudtrail', bucket: 'org-trail', orgId: 'o-abcdefghij' });
  assert.ok(ddl.includes("'storage.location.template' = 's3://org-trail/AWSLogs/o-abcdefghij/${account}/CloudTrail/${region}/${timestamp}'"));
  assert.ok(ddl.includes("'projection.account.type' = 'injected'"));
  assert.ok(ddl.includes("'projection.region.values' = 'af-south-1,"));
});

test('VPC Flow Logs DDL: space-delimited v2–v5 fields, header skipped, projected partitions', () => {
  const ddl = athenaDdl({ kind: 'vpcflow', bucket: 'flow', prefix: 'vpc', accounts: ['111122223333'], since: '2024/01/01' });
  assert.match(ddl, /^CREATE EXTERNAL TABLE vpc_flow_logs \(\n {4}version INT,\n {4}account_id STRING/);
  assert.ok(ddl.includes('    `end` BIGINT,'));
  assert.ok(ddl.includes('    traffic_path INT\n)'));
  assert.ok(ddl.includes("ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '"));
  assert.ok(ddl.includes("'skip.header.line.count' = '1'"));
  assert.ok(ddl.includes("'projection.day.range' = '2024/01/01,NOW'"));
  assert.ok(ddl.includes("'storage.location.template' = 's3://flow/vpc/AWSLogs/${accid}/vpcflowlogs/${awsregion}/${day}'"));
});

test('values that would break the statement are refused', () => {
  assert.throws(() => athenaDdl({ kind: 'cloudtrail', bucket: "x'; DROP TABLE y; --" }), InputError);
  assert.throws(() => athenaDdl({ kind: 'cloudtrail', bucket: 'ok-bucket', orgId: 'r-1234' }), InputError);
  assert.throws(() => athenaDdl({ kind: 'cloudtrail', bucket: 'ok-bucket', accounts: ['12'] }), InputError);
});
