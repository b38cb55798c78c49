import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { ACCOUNT, iamDoc, perResource, writeSnapshotDir } from '../unit/access/fixtures.ts';

test('vigil iam validate FILE reports Access Analyzer issue codes with locations', async () => {
  const dir = tempDir();
  const file = join(dir, 'policy.json');
  writeFileSync(file, '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}\n  ]\n}\n');
  const run = await runVigil(['iam', 'validate', file, '--policy-type', 'IDENTITY_POLICY', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const passRole = out.findings.find((f: any) => f.issueCode === 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
  assert.equal(passRole.findingType, 'SECURITY_WARNING');
  assert.equal(passRole.source, 'access');
  assert.deepEqual(passRole.locations[0].path, [{ value: 'Statement' }, { index: 0 }, { value: 'Resource' }]);
  assert.equal(passRole.locations[0].span.start.line, 3);
  assert.deepEqual(passRole.evidence.locations, passRole.locations);
  assert.ok(out.findings.some((f: any) => f.issueCode === 'MISSING_VERSION' && f.findingType === 'WARNING'));
  assert.deepEqual(out.summary, { ERROR: 0, SECURITY_WARNING: 1, WARNING: 1, SUGGESTION: 0 });
  const failing = await runVigil(['iam', 'validate', file, '--policy-type', 'IDENTITY_POLICY', '--format', 'json', '--fail-on', 'HIGH']);
  assert.equal(failing.code, 1);
});

test('vigil iam validate --snapshot checks every policy of the account', async () => {
  const dir = writeSnapshotDir(tempDir(), {
    [ACCOUNT]: {
      iam: { GetAccountAuthorizationDetails: { 'us-east-1': { data: {
        UserDetailList: [{ UserName: 'alice', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }] }) }] }],
        GroupDetailList: [], RoleDetailList: [], Policies: [],
      } } } },
      s3: { GetBucketPolicy: { 'us-east-1': perResource({ logs: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] }) } }) } },
    },
  });
  const run = await runVigil(['iam', 'validate', '--snapshot', dir, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(out.findings.some((f: any) => f.issueCode === 'INVALID_ACTION' && f.resource.id === `arn:aws:iam::${ACCOUNT}:user/alice` && f.account === ACCOUNT));
  assert.ok(out.findings.some((f: any) => f.issueCode === 'ALLOW_WITH_NOT_PRINCIPAL' && f.resource.type === 'AWS::S3::Bucket'));
});

test('vigil iam validate without a policy type is a usage error', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.json'), '{}');
  const run = await runVigil(['iam', 'validate', join(dir, 'p.json')]);
  assert.equal(run.code, 2);
});
