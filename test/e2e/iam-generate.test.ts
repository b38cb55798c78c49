import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { ACCOUNT, writeSnapshotDir } from '../unit/access/fixtures.ts';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const session = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/i-123`, accountId: ACCOUNT, accessKeyId: 'ASIAEXAMPLE', sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE, accountId: ACCOUNT, userName: 'app' } } };
const event = (id: string, source: string, name: string, extra: Record<string, unknown> = {}) => ({ eventVersion: '1.09', eventID: id, eventTime: '2025-12-20T10:00:00Z', eventSource: source, eventName: name, awsRegion: 'us-east-1', userIdentity: session, ...extra });

function trail(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [
    event('1', 's3.amazonaws.com', 'GetObject', { requestParameters: { bucketName: 'data', key: 'a.csv' }, resources: [{ ARN: 'arn:aws:s3:::data/a.csv', type: 'AWS::S3::Object' }] }),
    event('2', 's3.amazonaws.com', 'ListObjectsV2', { requestParameters: { bucketName: 'data' } }),
    event('3', 'sts.amazonaws.com', 'GetCallerIdentity'),
    event('4', 'lambda.amazonaws.com', 'Invoke', { resources: [{ ARN: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker` }] }),
    event('5', 'dynamodb.amazonaws.com', 'PutItem', { errorCode: 'AccessDenied' }),
    { ...event('6', 'ec2.amazonaws.com', 'TerminateInstances'), userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/other`, accountId: ACCOUNT } },
  ] }));
  return dir;
}

test('vigil iam generate writes a least-privilege policy from the principal\'s activity', async () => {
  const dir = trail();
  const run = await runVigil(['iam', 'generate', '--principal', ROLE, join(dir, 'trail.json')]);
  assert.equal(run.code, 0, run.stderr);
  const policy = JSON.parse(run.stdout);
  assert.deepEqual(policy.Statement, [
    { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [`arn:aws:lambda:us-east-1:${ACCOUNT}:function:worker`] },
    { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] },
    { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::data'] },
    { Effect: 'Allow', Action: ['sts:GetCallerIdentity'], Resource: ['*'] },
  ]);
  assert.match(run.stderr, /4 of 6 CloudTrail events/);
});

test('vigil iam unused --trail refines last use from CloudTrail', async () => {
  const logs = trail();
  const snap = writeSnapshotDir(tempDir(), {
    [ACCOUNT]: { iam: { GetAccountAuthorizationDetails: { 'us-east-1': { data: { UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: [
      { RoleName: 'app', Arn: ROLE, CreateDate: '2025-01-01T00:00:00Z', RoleLastUsed: {} },
      { RoleName: 'idle', Arn: `arn:aws:iam::${ACCOUNT}:role/idle`, CreateDate: '2025-01-01T00:00:00Z', RoleLastUsed: {} },
    ] } } } } },
  });
  const run = await runVigil(['iam', 'unused', '--snapshot', snap, '--trail', join(logs, 'trail.json'), '--days', '180', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual(out.findings.map((f: any) => `${f.type} ${f.resource.name}`), ['UnusedIAMRole idle']);
  assert.ok(out.notes.some((n: string) => n.includes('credential report')));
});

test('vigil iam generate needs a principal ARN', async () => {
  assert.equal((await runVigil(['iam', 'generate', '--principal', 'bob', 'x'])).code, 2);
});
