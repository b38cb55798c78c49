import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('opensearch');
const good = {
  DomainName: 'logs',
  ARN: 'arn:aws:es:us-east-1:111122223333:domain/logs',
  EncryptionAtRestOptions: { Enabled: true },
  NodeToNodeEncryptionOptions: { Enabled: true },
  VPCOptions: { VPCId: 'vpc-1', SubnetIds: ['subnet-1'] },
  LogPublishingOptions: { ES_APPLICATION_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:os-errors' }, AUDIT_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:os-audit' } },
  ClusterConfig: { InstanceCount: 3, ZoneAwarenessEnabled: true },
  AdvancedSecurityOptions: { Enabled: true },
  DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
  AccessPolicies: '',
};
const domain = (over: Record<string, unknown> = {}) =>
  merge(call('opensearch', 'ListDomainNames', { DomainNames: [{ DomainName: 'logs', EngineType: 'OpenSearch' }] }), perKey('opensearch', 'DescribeDomain', { logs: { DomainStatus: { ...good, ...over } } }));
const OPEN_POLICY = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: 'arn:aws:es:us-east-1:111122223333:domain/logs/*' }] });
const IP_POLICY = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24'] } } }] });

const cases: Record<string, Case[]> = {
  'opensearch-encrypted-at-rest': [
    { name: 'off fails', data: domain({ EncryptionAtRestOptions: { Enabled: false } }), expect: ['FAIL'], reason: /EncryptionAtRestOptions/ },
    { name: 'on passes', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-node-to-node-encryption-check': [
    { name: 'off fails', data: domain({ NodeToNodeEncryptionOptions: { Enabled: false } }), expect: ['FAIL'], reason: /NodeToNodeEncryptionOptions/ },
    { name: 'on passes', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-in-vpc-only': [
    { name: 'public endpoint fails', data: domain({ VPCOptions: undefined, Endpoint: 'search-logs.us-east-1.es.amazonaws.com' }), expect: ['FAIL'], reason: /not in a VPC/ },
    { name: 'VPC passes', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-logs-to-cloudwatch': [
    { name: 'no error logs fails', data: domain({ LogPublishingOptions: {} }), expect: ['FAIL'], reason: /ES_APPLICATION_LOGS/ },
    { name: 'error logs pass', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-audit-logging-enabled': [
    { name: 'no audit logs fails', data: domain({ LogPublishingOptions: { AUDIT_LOGS: { Enabled: false } } }), expect: ['FAIL'], reason: /AUDIT_LOGS/ },
    { name: 'audit logs pass', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-data-node-fault-tolerance': [
    { name: 'one node fails', data: domain({ ClusterConfig: { InstanceCount: 1, ZoneAwarenessEnabled: false } }), expect: ['FAIL'], reason: /InstanceCount/ },
    { name: 'three nodes with zone awareness pass', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-access-control-enabled': [
    { name: 'no FGAC fails', data: domain({ AdvancedSecurityOptions: { Enabled: false } }), expect: ['FAIL'], reason: /AdvancedSecurityOptions/ },
    { name: 'FGAC passes', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-https-required': [
    { name: 'HTTP allowed fails', data: domain({ DomainEndpointOptions: { EnforceHTTPS: false } }), expect: ['FAIL'], reason: /EnforceHTTPS/ },
    { name: 'old TLS policy fails', data: domain({ DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' } }), expect: ['FAIL'], reason: /TLSSecurityPolicy/ },
    { name: 'HTTPS with TLS 1.2 passes', data: domain(), expect: ['PASS'] },
  ],
  'opensearch-domain-not-public': [
    { name: 'public endpoint, open policy, no auth fails', data: domain({ VPCOptions: undefined, AdvancedSecurityOptions: { Enabled: false }, AccessPolicies: OPEN_POLICY }), expect: ['FAIL'], reason: /is public/ },
    { name: 'public endpoint with FGAC passes', data: domain({ VPCOptions: undefined, AccessPolicies: OPEN_POLICY }), expect: ['PASS'] },
    { name: 'public endpoint with Cognito passes', data: domain({ VPCOptions: undefined, AdvancedSecurityOptions: { Enabled: false }, CognitoOptions: { Enabled: true }, AccessPolicies: OPEN_POLICY }), expect: ['PASS'] },
    { name: 'IP-restricted policy passes', data: domain({ VPCOptions: undefined, AdvancedSecurityOptions: { Enabled: false }, AccessPolicies: IP_POLICY }), expect: ['PASS'] },
    { name: 'VPC domain passes', data: domain({ AccessPolicies: OPEN_POLICY }), expect: ['PASS'] },
    { name: 'DescribeDomain denied is ERROR', data: merge(call('opensearch', 'ListDomainNames', { DomainNames: [{ DomainName: 'logs' }] }), perKey('opensearch', 'DescribeDomain', { logs: { error: { code: 'AccessDeniedException', message: 'x' } } })), expect: ['ERROR'] },
  ],
};

describe('opensearch checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
