import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { ACCOUNT, OTHER, iamDoc, perResource, writeSnapshotDir } from '../unit/access/fixtures.ts';

const bucketPolicy = (bucket: string, statement: Record<string, unknown>) => ({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Resource: `arn:aws:s3:::${bucket}/*`, ...statement }] }) });
const notConfigured = { error: { code: 'NoSuchPublicAccessBlockConfiguration', message: 'none' } };

function fixture(extra: Record<string, unknown> = {}): string {
  return writeSnapshotDir(tempDir(), {
    [ACCOUNT]: {
      s3: {
        ListBuckets: { 'us-east-1': { data: { Buckets: [{ Name: 'public-site' }, { Name: 'restricted' }, { Name: 'partner' }, { Name: 'acl-public' }, { Name: 'org-only' }] } } },
        GetBucketPolicy: { 'us-east-1': perResource({
          'public-site': bucketPolicy('public-site', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }),
          restricted: bucketPolicy('restricted', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }),
          partner: bucketPolicy('partner', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetObject', 's3:PutObject'] }),
          'org-only': bucketPolicy('org-only', { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-ours' } } }),
        }) },
        GetBucketAcl: { 'us-east-1': perResource({
          'acl-public': { Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] },
        }) },
        GetPublicAccessBlock: { 'us-east-1': { resources: {
          'public-site': notConfigured, partner: notConfigured, 'acl-public': notConfigured, 'org-only': notConfigured,
          restricted: { data: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } },
        } } },
      },
      's3-control': { GetPublicAccessBlock: { 'us-east-1': { error: { code: 'NoSuchPublicAccessBlockConfiguration', message: 'none' } } } },
      iam: { GetAccountAuthorizationDetails: { 'us-east-1': { data: {
        UserDetailList: [], GroupDetailList: [], Policies: [],
        RoleDetailList: [
          { RoleName: 'deploy', Arn: `arn:aws:iam::${ACCOUNT}:role/deploy`, RolePolicyList: [], AssumeRolePolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x1' } } }] }) },
          { RoleName: 'ec2', Arn: `arn:aws:iam::${ACCOUNT}:role/ec2`, RolePolicyList: [], AssumeRolePolicyDocument: iamDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) },
        ],
      } } } },
      kms: { GetKeyPolicy: { 'us-east-1': perResource({ k1: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }) } }) } },
      ec2: { DescribeSnapshotAttribute: { 'us-east-1': perResource({ 'snap-1': { SnapshotId: 'snap-1', CreateVolumePermissions: [{ Group: 'all' }] } }) } },
      rds: { DescribeDBSnapshotAttributes: { 'us-east-1': perResource({ db1: { DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'db1', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [OTHER] }] } } }) } },
    },
  }, extra);
}

test('vigil iam access reports public and cross-account access with witnesses', async () => {
  const dir = fixture();
  const run = await runVigil(['iam', 'access', '--snapshot', dir, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const byResource = (id: string) => out.findings.filter((f: any) => f.resource.id === id);

  const site = byResource('arn:aws:s3:::public-site');
  assert.equal(site.length, 1);
  assert.equal(site[0].isPublic, true);
  assert.deepEqual(site[0].actions, ['s3:GetObject']);
  assert.equal(site[0].evidence.witness.ActionNames[0], 's3:GetObject');

  assert.equal(byResource('arn:aws:s3:::restricted').length, 0, 'RestrictPublicBuckets blocks the public policy');
  const orgOnly = byResource('arn:aws:s3:::org-only');
  assert.equal(orgOnly.length, 1, 'with no organization recorded, o-ours is some other organization');
  assert.equal(orgOnly[0].isPublic, false);
  assert.deepEqual(orgOnly[0].conditions, { 'aws:PrincipalOrgID': ['o-ours'] });

  const partner = byResource('arn:aws:s3:::partner');
  assert.equal(partner.length, 1);
  assert.deepEqual(partner[0].principal, { AWS: OTHER });
  assert.equal(partner[0].isPublic, false);
  assert.deepEqual(partner[0].actions, ['s3:GetObject', 's3:PutObject']);

  const acl = byResource('arn:aws:s3:::acl-public');
  assert.equal(acl.length, 1);
  assert.equal(acl[0].isPublic, true);
  assert.ok(acl[0].actions.includes('s3:ListBucket'));

  const deploy = byResource(`arn:aws:iam::${ACCOUNT}:role/deploy`);
  assert.equal(deploy.length, 1);
  assert.deepEqual(deploy[0].conditions, { 'sts:ExternalId': ['x1'] });
  assert.equal(byResource(`arn:aws:iam::${ACCOUNT}:role/ec2`).length, 0, 'service principals are not external access');
  assert.equal(out.findings.filter((f: any) => f.resource.type === 'AWS::KMS::Key').length, 0);

  const snap = out.findings.find((f: any) => f.resource.type === 'AWS::EC2::Snapshot');
  assert.equal(snap.isPublic, true);
  const db = out.findings.find((f: any) => f.resource.type === 'AWS::RDS::DBSnapshot');
  assert.deepEqual(db.principal, { AWS: OTHER });
});

test('every witness replays as allowed through vigil iam simulate', async () => {
  const dir = fixture();
  const out = JSON.parse((await runVigil(['iam', 'access', '--snapshot', dir, '--format', 'json'])).stdout);
  const partner = out.findings.find((f: any) => f.resource.id === 'arn:aws:s3:::partner');
  const input = join(tempDir(), 'witness.json');
  writeFileSync(input, JSON.stringify({
    ...partner.evidence.witness,
    PolicyInputList: ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'],
    ResourcePolicy: bucketPolicy('partner', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetObject', 's3:PutObject'] }).Policy,
  }));
  const sim = JSON.parse((await runVigil(['iam', 'simulate', '--input', input, '--format', 'json'])).stdout);
  assert.equal(sim.EvaluationResults[0].EvalDecision, 'allowed');
});

test('with the organization as zone of trust, org-pinned and member-account access is not reported', async () => {
  const dir = fixture({ organization: { id: 'o-ours' } });
  writeFileSync(join(dir, 'vigil.yaml'), `access:\n  zoneOfTrust: organization\n  trustedAccounts: ["${OTHER}"]\n`);
  const run = await runVigil(['iam', 'access', '--snapshot', dir, '--format', 'json', '--config', join(dir, 'vigil.yaml')]);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.findings.filter((f: any) => f.resource.id === 'arn:aws:s3:::org-only').length, 0);
  assert.equal(out.findings.filter((f: any) => f.resource.id === 'arn:aws:s3:::partner').length, 0, 'a trusted account is inside the zone');
  assert.equal(out.findings.filter((f: any) => f.resource.id === 'arn:aws:s3:::public-site').length, 1);
});

test('vigil iam access without --snapshot is a usage error', async () => {
  const run = await runVigil(['iam', 'access']);
  assert.equal(run.code, 2);
});
