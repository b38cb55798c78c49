import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, run, type Case } from './service-checks-harness.ts';

import { deprecatedSince } from '../../../../src/posture/checks/lambda/lambda-function-supported-runtime.ts';

const checks = await loadService('lambda');
const fn = (over: Record<string, unknown> = {}) => ({ FunctionName: 'f1', FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:f1', Runtime: 'python3.13', Role: 'arn:aws:iam::111122223333:role/app', Timeout: 3, MemorySize: 128, PackageType: 'Zip', ...over });
const fns = (...list: unknown[]) => call('lambda', 'ListFunctions', { Functions: list });
const policy = (statement: unknown) => perKey('lambda', 'GetPolicy', { f1: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) } });
const NO_POLICY = perKey('lambda', 'GetPolicy', { f1: { error: { code: 'ResourceNotFoundException', message: 'no policy' } } });

const cases: Record<string, Case[]> = {
  'lambda-function-public-access-prohibited': [
    { name: 'Principal * without condition fails', data: merge(fns(fn()), policy({ Sid: 'open', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' })), expect: ['FAIL'], reason: /"open"/ },
    { name: 'Principal * with aws:SourceAccount passes', data: merge(fns(fn()), policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' } } })), expect: ['PASS'] },
    { name: 'Principal {AWS: *} restricted by SourceArn passes', data: merge(fns(fn()), policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'lambda:InvokeFunction', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } } })), expect: ['PASS'] },
    { name: 'public function URL (FunctionUrlAuthType NONE) fails', data: merge(fns(fn()), policy({ Sid: 'FunctionURLAllowPublicAccess', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: 'arn:aws:lambda:us-east-1:111122223333:function:f1', Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } })), expect: ['FAIL'], reason: /FunctionURLAllowPublicAccess/ },
    { name: 'no policy (ResourceNotFoundException) passes', data: merge(fns(fn()), NO_POLICY), expect: ['PASS'] },
    { name: 'GetPolicy denied is ERROR', data: merge(fns(fn()), perKey('lambda', 'GetPolicy', { f1: { error: { code: 'AccessDeniedException', message: 'x' } } })), expect: ['ERROR'] },
  ],
  'lambda-function-settings-check': [
    { name: 'deprecated runtime fails', data: fns(fn({ Runtime: 'python3.7' })), expect: ['FAIL'], reason: /Runtime python3\.7/ },
    { name: 'defaults: supported runtime, 3 s, 128 MB passes; images skipped', data: fns(fn(), fn({ FunctionName: 'img', PackageType: 'Image', Runtime: undefined }), fn({ FunctionName: 'os', Runtime: 'provided.al2023' })), expect: ['PASS'] },
    { name: 'timeout differs from the default 3 fails', data: fns(fn({ Timeout: 30 })), expect: ['FAIL'], reason: /Timeout 30s is not 3s/ },
    { name: 'parameters runtime/role/timeout/memorySize', data: fns(fn({ Runtime: 'nodejs22.x', Timeout: 30, MemorySize: 512 })), parameters: { runtime: 'nodejs22.x,nodejs20.x', role: 'app', timeout: '30', memorySize: 512 }, expect: ['PASS'] },
    { name: 'role parameter mismatch fails', data: fns(fn()), parameters: { role: 'arn:aws:iam::111122223333:role/other' }, expect: ['FAIL'], reason: /Role/ },
  ],
  'lambda-function-supported-runtime': [
    { name: 'deprecated runtime fails, naming the deprecation date', data: fns(fn({ Runtime: 'python3.7' })), expect: ['FAIL'], reason: /python3\.7, deprecated by Lambda since 2023-12-04/ },
    { name: 'supported runtime passes whatever the timeout and memory (runtime only)', data: fns(fn({ Timeout: 900, MemorySize: 10240 })), expect: ['PASS'] },
    { name: 'container images are ignored', data: fns(fn({ FunctionName: 'img', PackageType: 'Image', Runtime: undefined })), expect: [] },
    { name: 'AL1 OS-only runtime provided fails; provided.al2023 passes', data: fns(fn({ FunctionName: 'old', Runtime: 'provided' }), fn({ FunctionName: 'new', Runtime: 'provided.al2023' })), expect: ['FAIL', 'PASS'] },
    { name: 'runtime parameter is an allow-list', data: fns(fn({ Runtime: 'python3.12' })), parameters: { runtime: 'nodejs22.x,python3.13' }, expect: ['FAIL'], reason: /not one of the allowed runtimes/ },
  ],
  'lambda-function-url-auth-required': [
    { name: 'AuthType NONE fails', data: merge(fns(fn()), perKey('lambda', 'GetFunctionUrlConfig', { f1: { FunctionUrl: 'https://abc.lambda-url.us-east-1.on.aws/', AuthType: 'NONE' } })), expect: ['FAIL'], reason: /AuthType = NONE/ },
    { name: 'AWS_IAM passes', data: merge(fns(fn()), perKey('lambda', 'GetFunctionUrlConfig', { f1: { FunctionUrl: 'https://abc.lambda-url.us-east-1.on.aws/', AuthType: 'AWS_IAM' } })), expect: ['PASS'] },
    { name: 'no URL not applicable', data: merge(fns(fn()), perKey('lambda', 'GetFunctionUrlConfig', { f1: { error: { code: 'ResourceNotFoundException', message: 'none' } } })), expect: ['NOT_APPLICABLE'] },
  ],
  'lambda-vpc-multi-az-check': [
    { name: 'one AZ fails', data: merge(fns(fn({ VpcConfig: { SubnetIds: ['s-a', 's-b'] } })), call('ec2', 'DescribeSubnets', { Subnets: [{ SubnetId: 's-a', AvailabilityZone: 'us-east-1a' }, { SubnetId: 's-b', AvailabilityZone: 'us-east-1a' }] })), expect: ['FAIL'], reason: /single Availability Zone/ },
    { name: 'two AZs pass; non-VPC not applicable', data: merge(fns(fn({ VpcConfig: { SubnetIds: ['s-a', 's-b'] } }), fn({ FunctionName: 'f2' })), call('ec2', 'DescribeSubnets', { Subnets: [{ SubnetId: 's-a', AvailabilityZone: 'us-east-1a' }, { SubnetId: 's-b', AvailabilityZone: 'us-east-1b' }] })), expect: ['PASS', 'NOT_APPLICABLE'] },
  ],
  'lambda-function-env-no-plaintext-secrets': [
    { name: 'DB_PASSWORD literal fails, masked', data: fns(fn({ Environment: { Variables: { DB_PASSWORD: 'correct-horse-battery', STAGE: 'prod' } } })), expect: ['FAIL'], reason: /DB_PASSWORD: literal value under a secret-like name <masked, 21 characters>/ },
    { name: 'AWS access key value fails', data: fns(fn({ Environment: { Variables: { CONFIG: 'AKIAIOSFODNN7EXAMPLE' } } })), expect: ['FAIL'], reason: /AWS access key id/ },
    { name: 'secret ARN reference and plain settings pass', data: fns(fn({ Environment: { Variables: { DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db', DB_PASSWORD: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db', LOG_LEVEL: 'info' } } })), expect: ['PASS'] },
  ],
};

describe('lambda checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
  test('a runtime is deprecated from its deprecation date on (as of the snapshot time)', () => {
    assert.equal(deprecatedSince('nodejs20.x', new Date('2026-04-29T23:59:59Z')), undefined);
    assert.equal(deprecatedSince('nodejs20.x', new Date('2026-04-30T00:00:00Z')), '2026-04-30');
    assert.equal(deprecatedSince('python3.13', new Date('2030-01-01T00:00:00Z')), undefined, 'not in the table: supported');
  });
  test('secret values never appear in findings', () => {
    const text = JSON.stringify(run(checks['lambda-function-env-no-plaintext-secrets']!, fns(fn({ Environment: { Variables: { DB_PASSWORD: 'correct-horse-battery' } } }))));
    assert.ok(!text.includes('correct-horse-battery'));
  });
});
