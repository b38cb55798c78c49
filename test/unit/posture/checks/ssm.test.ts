import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nameSuggestsSecret, variableSecret } from '../../../../src/posture/checks/ec2/_lib/secrets.ts';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, failed, loadService, merge, perKey, run, type Case } from './service-checks-harness.ts';

const checks = await loadService('ssm');
const instances = call('ec2', 'DescribeInstances', { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' } }] }] });
const params = (...list: unknown[]) => call('ssm', 'DescribeParameters', { Parameters: list });

const cases: Record<string, Case[]> = {
  'ec2-instance-managed-by-systems-manager': [
    { name: 'unmanaged instance fails', data: merge(instances, call('ssm', 'DescribeInstanceInformation', { InstanceInformationList: [{ InstanceId: 'i-9' }] })), expect: ['FAIL'], reason: /DescribeInstanceInformation/ },
    { name: 'managed instance passes', data: merge(instances, call('ssm', 'DescribeInstanceInformation', { InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Online' }] })), expect: ['PASS'] },
    { name: 'DescribeInstanceInformation denied is ERROR', data: merge(instances, failed('ssm', 'DescribeInstanceInformation')), expect: ['ERROR'] },
  ],
  'ssm-parameter-no-plaintext-secrets': [
    { name: 'String named password fails', data: params({ Name: '/prod/db/password', Type: 'String' }), expect: ['FAIL'], reason: /Name suggests a secret/ },
    { name: 'description mentioning an API key fails', data: params({ Name: '/app/config', Type: 'String', Description: 'Stripe API key' }), expect: ['FAIL'], reason: /Description/ },
    { name: 'collected value with an AWS key fails, masked', data: merge(params({ Name: '/app/settings', Type: 'String' }), perKey('ssm', 'GetParameter', { '/app/settings': { Parameter: { Name: '/app/settings', Value: 'AKIAIOSFODNN7EXAMPLE' } } })), expect: ['FAIL'], reason: /AWS access key id \(<masked, 20 characters>\)/ },
    { name: 'SecureString and ordinary String pass', data: params({ Name: '/prod/db/password', Type: 'SecureString' }, { Name: '/prod/db/host', Type: 'String' }, { Name: '/prod/db/password-arn', Type: 'String' }), expect: ['PASS', 'PASS', 'PASS'] },
  ],
};

describe('ssm checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
  test('a secret value never appears in the finding', () => {
    const data = merge(params({ Name: '/app/settings', Type: 'String' }), perKey('ssm', 'GetParameter', { '/app/settings': { Parameter: { Value: 'AKIAIOSFODNN7EXAMPLE' } } }));
    const text = JSON.stringify(run(checks['ssm-parameter-no-plaintext-secrets']!, data));
    assert.ok(!text.includes('AKIAIOSFODNN7EXAMPLE'));
  });
});

describe('the plaintext-secret heuristic', () => {
  const table: Array<[string, string, string | undefined]> = [
    ['DB_PASSWORD', 'hunter2hunter2', 'literal value under a secret-like name'],
    ['dbPassword', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db', undefined],
    ['API_KEY', '/prod/api/key', undefined],
    ['TOKEN_TTL', '3600', undefined],
    ['TOKEN_URL', 'https://auth.example.com/token', undefined],
    ['BYPASS_CACHE', 'true', undefined],
    ['GITHUB', 'ghp_' + 'a'.repeat(36), 'GitHub token'],
    ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'private key (PEM)'],
    ['DATABASE_URL', 'postgres://app:s3cr3tpass@db.internal:5432/app', 'password in a URL'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS secret access key'],
    ['LOG_LEVEL', 'debug', undefined],
  ];
  for (const [name, value, kind] of table) {
    test(`${name} → ${kind ?? 'no match'}`, () => assert.equal(variableSecret(name, value)?.kind, kind));
  }
  test('names', () => {
    assert.equal(nameSuggestsSecret('/prod/db/password'), true);
    assert.equal(nameSuggestsSecret('/prod/db/password-arn'), false);
    assert.equal(nameSuggestsSecret('clientSecret'), true);
    assert.equal(nameSuggestsSecret('/prod/db/host'), false);
  });
});
