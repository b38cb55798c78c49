import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/finding.ts';
import { Snapshot } from '../../../src/inventory/snapshot.ts';
import { analyzeAccess, closeSolver } from '../../../src/access/index.ts';
import { ACCOUNT, OTHER, perResource } from './fixtures.ts';

after(closeSolver);

const snapshot = (entries: Record<string, unknown>) =>
  Snapshot.fromData({ collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: ['us-east-1'] }] }, { [ACCOUNT]: entries as never });

test('analyzeAccess: unreadable bucket policy is an ERROR, never a pass', async () => {
  const findings = await analyzeAccess(snapshot({ s3: { ListBuckets: { 'us-east-1': { data: { Buckets: [{ Name: 'b' }] } } }, GetBucketPolicy: { 'us-east-1': { resources: { b: { error: { code: 'AccessDenied', message: 'denied' } } } } }, GetBucketAcl: { 'us-east-1': perResource({ b: { Owner: { ID: 'o' }, Grants: [] } }) } } }), {});
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.status, 'ERROR');
});

test('analyzeAccess: IgnorePublicAcls at account level drops a public ACL grant', async () => {
  const acl = { Owner: { ID: 'o' }, Grants: [{ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
  const base = { ListBuckets: { 'us-east-1': { data: { Buckets: [{ Name: 'b' }] } } }, GetBucketAcl: { 'us-east-1': perResource({ b: acl }) } };
  const open = await analyzeAccess(snapshot({ s3: base }), {});
  assert.equal(open.filter((f) => (f as { isPublic?: boolean }).isPublic).length, 1);
  const blocked = await analyzeAccess(snapshot({ s3: base, 's3-control': { GetPublicAccessBlock: { 'us-east-1': { data: { PublicAccessBlockConfiguration: { IgnorePublicAcls: true } } } } } }), {});
  assert.equal(blocked.length, 0);
});

test('analyzeAccess: SQS, SNS, Lambda, Secrets Manager and ECR policies', async () => {
  const grant = (action: string, resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: action, Resource: resource }] });
  const findings = await analyzeAccess(snapshot({
    sqs: { GetQueueAttributes: { 'us-east-1': perResource({ [`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`]: { Attributes: { QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q`, Policy: grant('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:q`) } } }) } },
    sns: { GetTopicAttributes: { 'us-east-1': perResource({ [`arn:aws:sns:us-east-1:${ACCOUNT}:t`]: { Attributes: { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t`, Policy: grant('sns:Publish', `arn:aws:sns:us-east-1:${ACCOUNT}:t`) } } }) } },
    lambda: { GetPolicy: { 'us-east-1': perResource({ f: { Policy: grant('lambda:InvokeFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`) } }) } },
    'secrets-manager': { GetResourcePolicy: { 'us-east-1': perResource({ s: { ARN: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:s-AbCdEf`, Name: 's', ResourcePolicy: grant('secretsmanager:GetSecretValue', '*') } }) } },
    ecr: { GetRepositoryPolicy: { 'us-east-1': perResource({ r: { registryId: ACCOUNT, repositoryName: 'r', policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }) } }) } },
  }), {});
  const types = findings.map((f) => `${f.resource.type}:${(f as { isPublic?: boolean }).isPublic}`).sort();
  assert.deepEqual(types, ['AWS::ECR::Repository:true', 'AWS::Lambda::Function:false', 'AWS::SNS::Topic:false', 'AWS::SQS::Queue:false', 'AWS::SecretsManager::Secret:false']);
});

test('analyzeAccess: a bucket policy and an ACL granting the same principal are one finding (Access Analyzer: one per resource and principal, grants in sources)', async () => {
  // Given the demo's case: a bucket policy lets anyone GetObject and the ACL gives AllUsers READ;
  // and beside it a bucket whose policy and ACL grant two different outsiders.
  const allUsers = { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' };
  const partnerUser = { Grantee: { Type: 'CanonicalUser', ID: 'c0ffee' }, Permission: 'READ' };
  const policy = (bucket: string, principal: unknown) => ({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Grant', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] }) });
  const data = snapshot({ s3: {
    ListBuckets: { 'us-east-1': { data: { Buckets: [{ Name: 'exports' }, { Name: 'shared' }] } } },
    GetBucketPolicy: { 'us-east-1': perResource({ exports: policy('exports', '*'), shared: policy('shared', { AWS: OTHER }) }) },
    GetBucketAcl: { 'us-east-1': perResource({ exports: { Owner: { ID: 'o' }, Grants: [allUsers] }, shared: { Owner: { ID: 'o' }, Grants: [partnerUser] } }) },
  } });

  // When
  const findings = await analyzeAccess(data, {}) as Array<Finding & { principal: Record<string, string>; actions: string[]; sources?: Array<{ type: string }> }>;

  // Then no id repeats, and the public bucket has one finding with both grants' actions and sources.
  const ids = findings.map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length, `repeated ids: ${ids.join(' ')}`);
  const exports = findings.filter((f) => f.resource.id === 'arn:aws:s3:::exports');
  assert.equal(exports.length, 1);
  assert.equal(exports[0]!.type, 'public-access');
  assert.deepEqual(exports[0]!.actions, ['s3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions']);
  assert.deepEqual(exports[0]!.sources, [{ type: 'POLICY' }, { type: 'BUCKET_ACL' }]);
  assert.deepEqual((exports[0]!.evidence.sources as Array<{ api: string; actions: string[] }>).map((s) => [s.api, s.actions]), [
    ['s3.GetBucketPolicy Policy', ['s3:GetObject']],
    ['s3.GetBucketAcl Grants', ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions']],
  ]);
  // Two different principals on one bucket are two findings, each with its own id.
  const shared = findings.filter((f) => f.resource.id === 'arn:aws:s3:::shared');
  assert.deepEqual(shared.map((f) => f.principal), [{ AWS: OTHER }, { CanonicalUser: 'c0ffee' }]);
  // And the same input gives the same ids on the next run.
  assert.deepEqual((await analyzeAccess(data, {})).map((f) => f.id), ids);
});

test('analyzeAccess: a bucket whose policy and ACL are both unreadable is one ERROR finding giving both reasons', async () => {
  const denied = { error: { code: 'AccessDenied', message: 'denied' } };
  const findings = await analyzeAccess(snapshot({ s3: { ListBuckets: { 'us-east-1': { data: { Buckets: [{ Name: 'b' }] } } }, GetBucketPolicy: { 'us-east-1': { resources: { b: denied } } }, GetBucketAcl: { 'us-east-1': { resources: { b: denied } } } } }), {});
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.status, 'ERROR');
  assert.match(findings[0]!.description, /GetBucketPolicy failed.*GetBucketAcl failed/);
  assert.equal(findings[0]!.evidence.api, 's3.GetBucketPolicy, s3.GetBucketAcl');
});
