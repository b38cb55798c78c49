import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';

test('vigil iam check-no-public-access and check-access-not-granted answer PASS/FAIL', async () => {
  const dir = tempDir();
  const file = join(dir, 'bucket.json');
  writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] }));
  const pub = await runVigil(['iam', 'check-no-public-access', file, '--resource-type', 'AWS::S3::Bucket', '--format', 'json']);
  assert.equal(pub.code, 0, pub.stderr);
  const out = JSON.parse(pub.stdout);
  assert.equal(out.result, 'FAIL');
  assert.equal(out.findings[0].status, 'FAIL');
  assert.equal(out.reasons[0].statementId, 'Public');
  const failOn = await runVigil(['iam', 'check-no-public-access', file, '--resource-type', 'AWS::S3::Bucket', '--format', 'json', '--fail-on', 'HIGH']);
  assert.equal(failOn.code, 1);

  const granted = await runVigil(['iam', 'check-access-not-granted', file, '--action', 's3:PutObject', '--policy-type', 'RESOURCE_POLICY', '--format', 'json']);
  assert.equal(JSON.parse(granted.stdout).result, 'PASS');
  const bad = await runVigil(['iam', 'check-no-public-access', file, '--resource-type', 'AWS::Nope']);
  assert.equal(bad.code, 2);
});
