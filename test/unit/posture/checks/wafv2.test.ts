import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, run, type Case } from './service-checks-harness.ts';

const checks = await loadService('wafv2');
const REGIONAL = 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1';
const EDGE = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/2';
const acls = call('wafv2', 'ListWebACLs', { WebACLs: [{ Name: 'api', ARN: REGIONAL }, { Name: 'edge', ARN: EDGE }] });

const cases: Record<string, Case[]> = {
  'wafv2-webacl-not-empty': [
    { name: 'empty ACL fails, ACL with rules passes', data: merge(acls, perKey('wafv2', 'GetWebACL', { [REGIONAL]: { WebACL: { Name: 'api', Rules: [{ Name: 'core' }] } }, [EDGE]: { WebACL: { Name: 'edge', Rules: [] } } })), expect: ['PASS', 'FAIL'], reason: /WebACL\.Rules is empty/ },
    { name: 'GetWebACL not collected is ERROR', data: acls, expect: ['ERROR', 'ERROR'], reason: /GetWebACL/ },
  ],
};

describe('wafv2 checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
  test('CloudFront-scope ACLs are reported as global', () => {
    const results = run(checks['wafv2-webacl-not-empty']!, merge(acls, perKey('wafv2', 'GetWebACL', { [REGIONAL]: { WebACL: { Rules: [] } }, [EDGE]: { WebACL: { Rules: [] } } })));
    assert.deepEqual(results.map((r) => r.region), ['us-east-1', 'global']);
  });
});
