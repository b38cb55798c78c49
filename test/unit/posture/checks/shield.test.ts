import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, type Case } from './service-checks-harness.ts';

const checks = await loadService('shield');

const cases: Record<string, Case[]> = {
  'shield-advanced-subscription-active': [
    { name: 'INACTIVE fails', data: call('shield', 'GetSubscriptionState', { SubscriptionState: 'INACTIVE' }), expect: ['FAIL'], reason: /SubscriptionState = INACTIVE/ },
    { name: 'ACTIVE passes', data: call('shield', 'GetSubscriptionState', { SubscriptionState: 'ACTIVE' }), expect: ['PASS'] },
  ],
};

describe('shield checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
