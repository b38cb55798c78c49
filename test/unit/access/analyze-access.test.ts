import { after, test } from 'node:test';
import assert from 'node:assert/strict';
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
