import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('ecr');
const repo = (over: Record<string, unknown> = {}) => call('ecr', 'DescribeRepositories', { repositories: [{ repositoryName: 'app', repositoryArn: 'arn:aws:ecr:us-east-1:111122223333:repository/app', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, ...over }] });
const policy = (text: string) => perKey('ecr', 'GetRepositoryPolicy', { app: { repositoryName: 'app', policyText: text } });
const NOT_FOUND = (op: string, code: string) => perKey('ecr', op, { app: { error: { code, message: 'none' } } });

const cases: Record<string, Case[]> = {
  'ecr-private-image-scanning-enabled': [
    { name: 'scan on push off fails', data: repo({ imageScanningConfiguration: { scanOnPush: false } }), expect: ['FAIL'], reason: /scanOnPush/ },
    { name: 'scan on push passes', data: repo(), expect: ['PASS'] },
  ],
  'ecr-private-tag-immutability-enabled': [
    { name: 'mutable fails', data: repo({ imageTagMutability: 'MUTABLE' }), expect: ['FAIL'], reason: /imageTagMutability = MUTABLE/ },
    { name: 'immutable passes', data: repo(), expect: ['PASS'] },
  ],
  'ecr-private-lifecycle-policy-configured': [
    { name: 'LifecyclePolicyNotFoundException fails', data: merge(repo(), NOT_FOUND('GetLifecyclePolicy', 'LifecyclePolicyNotFoundException')), expect: ['FAIL'], reason: /no lifecycle policy/ },
    { name: 'a policy passes', data: merge(repo(), perKey('ecr', 'GetLifecyclePolicy', { app: { lifecyclePolicyText: '{"rules":[]}' } })), expect: ['PASS'] },
    { name: 'GetLifecyclePolicy not collected is ERROR', data: repo(), expect: ['ERROR'], reason: /GetLifecyclePolicy/ },
  ],
  'ecr-repository-no-public-access': [
    { name: 'Principal * fails', data: merge(repo(), policy(JSON.stringify({ Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] }))), expect: ['FAIL'], reason: /"pull"/ },
    { name: 'account principal passes', data: merge(repo(), policy(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage'] }] }))), expect: ['PASS'] },
    { name: 'RepositoryPolicyNotFoundException passes', data: merge(repo(), NOT_FOUND('GetRepositoryPolicy', 'RepositoryPolicyNotFoundException')), expect: ['PASS'] },
  ],
};

describe('ecr checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
