import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('secretsmanager');
const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf';
const secret = (over: Record<string, unknown> = {}) => ({ ARN, Name: 'db', CreatedDate: '2026-01-01T00:00:00Z', RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: '2026-11-01T00:00:00Z', NextRotationDate: '2026-12-01T00:00:00Z', LastAccessedDate: '2026-11-19T00:00:00Z', ...over });
const list = (...items: unknown[]) => call('secrets-manager', 'ListSecrets', { SecretList: items });

const cases: Record<string, Case[]> = {
  'secretsmanager-rotation-enabled-check': [
    { name: 'rotation off fails', data: list(secret({ RotationEnabled: false })), expect: ['FAIL'], reason: /RotationEnabled = false/ },
    { name: 'rotation on passes', data: list(secret()), expect: ['PASS'] },
    { name: 'maximumAllowedRotationFrequency 7 fails a 30-day schedule', data: list(secret()), parameters: { maximumAllowedRotationFrequency: 7 }, expect: ['FAIL'], reason: /30 days/ },
    { name: 'rate() schedule in hours', data: list(secret({ RotationRules: { ScheduleExpression: 'rate(4 hours)' } })), parameters: { maximumAllowedRotationFrequencyInHours: 12 }, expect: ['PASS'] },
  ],
  'secretsmanager-scheduled-rotation-success-check': [
    { name: 'overdue rotation fails', data: list(secret({ NextRotationDate: '2026-11-01T00:00:00Z' })), expect: ['FAIL'], reason: /NextRotationDate/ },
    { name: 'on schedule passes; no rotation not applicable', data: list(secret(), secret({ ARN: `${ARN}2`, Name: 'other', RotationEnabled: false })), expect: ['PASS', 'NOT_APPLICABLE'] },
  ],
  'secretsmanager-secret-unused': [
    { name: 'unused 120 days fails', data: list(secret({ LastAccessedDate: '2026-07-20T00:00:00Z' })), expect: ['FAIL'], reason: /LastAccessedDate/ },
    { name: 'recently used passes', data: list(secret()), expect: ['PASS'] },
    { name: 'never accessed counts from creation', data: list(secret({ LastAccessedDate: undefined, CreatedDate: '2026-01-01T00:00:00Z' })), expect: ['FAIL'], reason: /never accessed/ },
    { name: 'unusedForDays 200', data: list(secret({ LastAccessedDate: '2026-07-20T00:00:00Z' })), parameters: { unusedForDays: 200 }, expect: ['PASS'] },
  ],
  'secretsmanager-secret-periodic-rotation': [
    { name: 'not rotated for 100 days fails', data: list(secret({ LastRotatedDate: '2026-08-12T00:00:00Z' })), expect: ['FAIL'], reason: /maxDaysSinceRotation 90/ },
    { name: 'rotated 19 days ago passes', data: list(secret()), expect: ['PASS'] },
    { name: 'maxDaysSinceRotation 10', data: list(secret()), parameters: { maxDaysSinceRotation: '10' }, expect: ['FAIL'] },
  ],
  'secretsmanager-secret-no-public-access': [
    { name: 'Principal * fails', data: merge(list(secret()), perKey('secrets-manager', 'GetResourcePolicy', { [ARN]: { ARN, ResourcePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }) } })), expect: ['FAIL'], reason: /Principal "\*"/ },
    { name: 'org-restricted policy passes', data: merge(list(secret()), perKey('secrets-manager', 'GetResourcePolicy', { [ARN]: { ARN, ResourcePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }] }) } })), expect: ['PASS'] },
    { name: 'no policy passes', data: merge(list(secret()), perKey('secrets-manager', 'GetResourcePolicy', { [ARN]: { ARN, Name: 'db' } })), expect: ['PASS'] },
    { name: 'GetResourcePolicy denied is ERROR', data: merge(list(secret()), perKey('secrets-manager', 'GetResourcePolicy', { [ARN]: { error: { code: 'AccessDeniedException', message: 'x' } } })), expect: ['ERROR'] },
  ],
};

describe('secretsmanager checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
