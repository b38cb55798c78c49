import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessNotGranted, checkNoPublicAccess } from '../../../src/access/checks/custom-checks.ts';
import { closeSolver } from '../../../src/access/external/solver.ts';

after(closeSolver);

const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const publicCases: Array<[string, unknown[], string, 'PASS' | 'FAIL']> = [
  ['public bucket read', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::mybucket/*' }], 'AWS::S3::Bucket', 'FAIL'],
  ['named account only', [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::mybucket/*' }], 'AWS::S3::Bucket', 'PASS'],
  ['organization-pinned queue', [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } } }], 'AWS::SQS::Queue', 'PASS'],
  ['account-pinned topic', [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }], 'AWS::SNS::Topic', 'PASS'],
  ['trust policy for anyone', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }], 'AWS::IAM::AssumeRolePolicyDocument', 'FAIL'],
  ['trust policy for a service', [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }], 'AWS::IAM::AssumeRolePolicyDocument', 'PASS'],
  ['public key policy', [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }], 'AWS::KMS::Key', 'FAIL'],
  ['public then denied outside the account', [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }, { Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } } }], 'AWS::SecretsManager::Secret', 'PASS'],
];
for (const [name, statements, type, expected] of publicCases) {
  test(`check-no-public-access: ${name} → ${expected}`, async () => {
    const result = await checkNoPublicAccess(policy(statements), type);
    assert.equal(result.result, expected);
    if (expected === 'FAIL') assert.ok(result.reasons[0]?.witness, 'a FAIL carries a witness');
  });
}

const grantedCases: Array<[string, unknown[], string[], string[], 'IDENTITY_POLICY' | 'RESOURCE_POLICY', 'PASS' | 'FAIL']> = [
  ['wildcard action grants it', [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }], ['s3:DeleteObject'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['another resource is not granted', [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }], ['s3:DeleteObject'], ['arn:aws:s3:::other/x'], 'IDENTITY_POLICY', 'PASS'],
  ['an explicit deny takes it away', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:Delete*', Resource: '*' }], ['s3:DeleteObject'], [], 'IDENTITY_POLICY', 'PASS'],
  ['a conditional grant still grants', [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }], ['iam:PassRole'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['NotAction grants everything else', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], ['s3:GetObject'], [], 'IDENTITY_POLICY', 'FAIL'],
  ['NotAction excludes', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], ['iam:CreateUser'], [], 'IDENTITY_POLICY', 'PASS'],
  ['a resource policy granting an account', [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], ['s3:GetObject'], [], 'RESOURCE_POLICY', 'FAIL'],
  ['a resource policy granting other actions', [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], ['s3:PutObject'], [], 'RESOURCE_POLICY', 'PASS'],
];
for (const [name, statements, actions, resources, type, expected] of grantedCases) {
  test(`check-access-not-granted: ${name} → ${expected}`, () => {
    assert.equal(checkAccessNotGranted(policy(statements), actions, resources, type).result, expected);
  });
}
