import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { ACCOUNT, iamDoc, writeSnapshotDir } from '../unit/access/fixtures.ts';

test('vigil iam paths lists principals that can reach administrator, with the steps', async () => {
  const dir = writeSnapshotDir(tempDir(), {
    [ACCOUNT]: {
      iam: { GetAccountAuthorizationDetails: { 'us-east-1': { data: {
        UserDetailList: [
          { UserName: 'dev', Arn: `arn:aws:iam::${ACCOUNT}:user/dev`, GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [{ PolicyName: 'p', PolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] }) }] },
          { UserName: 'reader', Arn: `arn:aws:iam::${ACCOUNT}:user/reader`, GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [{ PolicyName: 'p', PolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }] },
        ],
        GroupDetailList: [], Policies: [],
        RoleDetailList: [{ RoleName: 'ops', Arn: `arn:aws:iam::${ACCOUNT}:role/ops`, RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], AssumeRolePolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }],
      } } } },
    },
  });
  const run = await runVigil(['iam', 'paths', '--snapshot', dir, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.findings.length, 1);
  assert.equal(out.findings[0].resource.id, `arn:aws:iam::${ACCOUNT}:user/dev`);
  assert.equal(out.findings[0].steps[0].method, 'PassRole+ec2:RunInstances');
  assert.deepEqual(out.administrators[ACCOUNT], [`arn:aws:iam::${ACCOUNT}:role/ops`]);
});
