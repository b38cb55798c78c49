import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePolicy } from '../../../src/access/validate/validator.ts';
import type { PolicyType } from '../../../src/access/validate/types.ts';

/**
 * Table-driven ValidatePolicy cases: each names the policy (object, or text for syntax
 * cases), its type, the [issueCode, findingType] pairs that must be reported and codes that
 * must not be.
 */
interface Case {
  name: string;
  policy: unknown;
  policyType?: PolicyType;
  resourceType?: string;
  expect: Array<[string, string]>;
  absent?: string[];
  /** Path of the first expected issue, as Access Analyzer path elements. */
  path?: unknown[];
}

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'validate-cases');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  for (const c of (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] }).cases) {
    test(`${file}: ${c.name}`, () => {
      const text = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2);
      const issues = validatePolicy(text, { policyType: c.policyType ?? 'IDENTITY_POLICY', resourceType: c.resourceType });
      const got = issues.map((i) => `${i.issueCode}/${i.findingType}`);
      for (const [code, type] of c.expect) assert.ok(got.includes(`${code}/${type}`), `expected ${code}/${type}, got ${got.join(', ') || 'nothing'}`);
      for (const code of c.absent ?? []) assert.ok(!issues.some((i) => i.issueCode === code), `did not expect ${code}`);
      if (c.path) assert.deepEqual(issues.find((i) => i.issueCode === c.expect[0]![0])!.locations[0]!.path, c.path);
    });
  }
}

test('a clean policy has no findings', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' }] });
  assert.deepEqual(validatePolicy(text, { policyType: 'IDENTITY_POLICY' }), []);
});

test('locations: line from 1, column and offset from 0, span over the value', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]\n}';
  const issue = validatePolicy(text, { policyType: 'IDENTITY_POLICY' }).find((i) => i.issueCode === 'INVALID_ACTION')!;
  const start = text.indexOf('"s3:GetObjekt"');
  assert.deepEqual(issue.locations[0], {
    path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }],
    span: { start: { line: 3, column: start - text.lastIndexOf('\n', start) - 1, offset: start }, end: { line: 3, column: start - text.lastIndexOf('\n', start) - 1 + 14, offset: start + 14 } },
  });
});

test('identity-provider condition keys in trust policies are known', () => {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:*' } } },
    { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:abc' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } } },
    { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/idp' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } },
  ] });
  const issues = validatePolicy(trust, { policyType: 'RESOURCE_POLICY', resourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
  assert.deepEqual(issues.map((i) => i.issueCode), []);
});

test('common AWS example policies validate without errors', () => {
  const examples = [
    { Version: '2012-10-17', Statement: [{ Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] },
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail/AWSLogs/111122223333/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' } } }] },
  ];
  for (const policy of examples) {
    const errors = validatePolicy(JSON.stringify(policy, null, 2), { policyType: 'RESOURCE_POLICY' }).filter((i) => i.findingType === 'ERROR' || i.findingType === 'SECURITY_WARNING');
    assert.deepEqual(errors.map((e) => e.issueCode), [], JSON.stringify(policy));
  }
});
