import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('eks');
const cluster = (over: Record<string, unknown> = {}) =>
  merge(
    call('eks', 'ListClusters', { clusters: ['prod'] }),
    perKey('eks', 'DescribeCluster', {
      prod: {
        cluster: {
          name: 'prod',
          arn: 'arn:aws:eks:us-east-1:111122223333:cluster/prod',
          version: '1.33',
          resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
          encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:us-east-1:111122223333:key/k-1' } }],
          logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }, { types: ['scheduler'], enabled: false }] },
          ...over,
        },
      },
    }),
  );

const cases: Record<string, Case[]> = {
  'eks-endpoint-no-public-access': [
    { name: 'public endpoint fails', data: cluster({ resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } }), expect: ['FAIL'], reason: /endpointPublicAccess = true/ },
    { name: 'private endpoint passes', data: cluster(), expect: ['PASS'] },
  ],
  'eks-cluster-supported-version': [
    { name: '1.29 fails', data: cluster({ version: '1.29' }), expect: ['FAIL'], reason: /1\.29/ },
    { name: '1.33 passes', data: cluster(), expect: ['PASS'] },
    { name: 'oldestVersionSupported 1.34', data: cluster(), parameters: { oldestVersionSupported: '1.34' }, expect: ['FAIL'] },
  ],
  'eks-cluster-secrets-encrypted': [
    { name: 'no encryption config fails', data: cluster({ encryptionConfig: [] }), expect: ['FAIL'], reason: /encryptionConfig/ },
    { name: 'KMS secrets encryption passes', data: cluster(), expect: ['PASS'] },
  ],
  'eks-cluster-logging-enabled': [
    { name: 'audit off fails', data: cluster({ logging: { clusterLogging: [{ types: ['audit'], enabled: false }] } }), expect: ['FAIL'], reason: /audit/ },
    { name: 'audit on passes', data: cluster(), expect: ['PASS'] },
    { name: 'logTypes scheduler required', data: cluster(), parameters: { logTypes: ['audit', 'scheduler'] }, expect: ['FAIL'], reason: /scheduler/ },
  ],
};

describe('eks checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
