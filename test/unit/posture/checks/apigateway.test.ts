import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('apigateway');
const stage = (over: Record<string, unknown> = {}) =>
  merge(
    call('api-gateway', 'GetRestApis', { items: [{ id: 'a1', name: 'orders' }] }),
    perKey('api-gateway', 'GetStages', { a1: { item: [{ stageName: 'prod', clientCertificateId: 'cc1', tracingEnabled: true, webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1', methodSettings: { '*/*': { loggingLevel: 'INFO', cachingEnabled: true, cacheDataEncrypted: true } }, ...over }] } }),
  );

const cases: Record<string, Case[]> = {
  'api-gw-execution-logging-enabled': [
    { name: 'logging OFF fails', data: stage({ methodSettings: { '*/*': { loggingLevel: 'OFF' } } }), expect: ['FAIL'], reason: /\*\/\*/ },
    { name: 'no method settings fails', data: stage({ methodSettings: {} }), expect: ['FAIL'] },
    { name: 'INFO passes', data: stage(), expect: ['PASS'] },
    { name: 'loggingLevel ERROR only', data: stage(), parameters: { loggingLevel: 'ERROR' }, expect: ['FAIL'] },
  ],
  'api-gw-ssl-enabled': [
    { name: 'no client certificate fails', data: stage({ clientCertificateId: undefined }), expect: ['FAIL'], reason: /clientCertificateId/ },
    { name: 'client certificate passes', data: stage(), expect: ['PASS'] },
  ],
  'api-gw-xray-enabled': [
    { name: 'tracing off fails', data: stage({ tracingEnabled: false }), expect: ['FAIL'], reason: /tracingEnabled/ },
    { name: 'tracing on passes', data: stage(), expect: ['PASS'] },
  ],
  'api-gw-associated-with-waf': [
    { name: 'no web ACL fails', data: stage({ webAclArn: undefined }), expect: ['FAIL'], reason: /webAclArn/ },
    { name: 'web ACL passes', data: stage(), expect: ['PASS'] },
    { name: 'WebAclArns mismatch fails', data: stage(), parameters: { WebAclArns: 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/other/2' }, expect: ['FAIL'] },
  ],
  'api-gw-cache-encrypted': [
    { name: 'unencrypted cache fails', data: stage({ methodSettings: { '*/*': { cachingEnabled: true, cacheDataEncrypted: false } } }), expect: ['FAIL'], reason: /cacheDataEncrypted/ },
    { name: 'encrypted cache passes', data: stage(), expect: ['PASS'] },
    { name: 'no caching not applicable', data: stage({ methodSettings: { '*/*': { cachingEnabled: false } } }), expect: ['NOT_APPLICABLE'] },
  ],
};

describe('apigateway checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
