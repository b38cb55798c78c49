import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('elbv2');
const S = 'elastic-load-balancing-v2';
const ARN = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/abc';
const lb = (over: Record<string, unknown> = {}) => call(S, 'DescribeLoadBalancers', { LoadBalancers: [{ LoadBalancerArn: ARN, LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', AvailabilityZones: [{ ZoneName: 'us-east-1a' }, { ZoneName: 'us-east-1b' }], ...over }] });
const attrs = (values: Record<string, string>) => perKey(S, 'DescribeLoadBalancerAttributes', { [ARN]: { Attributes: Object.entries(values).map(([Key, Value]) => ({ Key, Value })) } });
const GOOD = { 'routing.http.drop_invalid_header_fields.enabled': 'true', 'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'lb-logs', 'deletion_protection.enabled': 'true', 'routing.http.desync_mitigation_mode': 'defensive' };
const listeners = (...list: unknown[]) => perKey(S, 'DescribeListeners', { [ARN]: { Listeners: list } });
const ACL = 'arn:aws:wafv2:us-east-1:111122223333:regional/webacl/main/1';
const waf = (resources: string[]) => merge(call('wafv2', 'ListWebACLs', { WebACLs: [{ Name: 'main', ARN: ACL }] }), perKey('wafv2', 'ListResourcesForWebACL', { [ACL]: { ResourceArns: resources } }));

const cases: Record<string, Case[]> = {
  'alb-http-to-https-redirection-check': [
    { name: 'HTTP forwarding listener fails', data: merge(lb(), listeners({ ListenerArn: 'l1', Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward' }] })), expect: ['FAIL'], reason: /port 80/ },
    { name: 'HTTP redirect to HTTPS passes', data: merge(lb(), listeners({ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }] }, { Port: 443, Protocol: 'HTTPS' })), expect: ['PASS'] },
    { name: 'DescribeListeners denied is ERROR', data: merge(lb(), perKey(S, 'DescribeListeners', { [ARN]: { error: { code: 'AccessDenied', message: 'x' } } })), expect: ['ERROR'] },
  ],
  'alb-http-drop-invalid-header-enabled': [
    { name: 'off fails', data: merge(lb(), attrs({ ...GOOD, 'routing.http.drop_invalid_header_fields.enabled': 'false' })), expect: ['FAIL'], reason: /drop_invalid_header_fields/ },
    { name: 'on passes', data: merge(lb(), attrs(GOOD)), expect: ['PASS'] },
  ],
  'elb-logging-enabled': [
    { name: 'off fails', data: merge(lb(), attrs({ ...GOOD, 'access_logs.s3.enabled': 'false' })), expect: ['FAIL'], reason: /access_logs\.s3\.enabled/ },
    { name: 'on passes', data: merge(lb(), attrs(GOOD)), expect: ['PASS'] },
    { name: 's3BucketNames mismatch fails', data: merge(lb(), attrs(GOOD)), parameters: { s3BucketNames: 'central-logs' }, expect: ['FAIL'], reason: /central-logs/ },
  ],
  'elb-deletion-protection-enabled': [
    { name: 'off fails', data: merge(lb(), attrs({ ...GOOD, 'deletion_protection.enabled': 'false' })), expect: ['FAIL'], reason: /deletion_protection/ },
    { name: 'on passes', data: merge(lb(), attrs(GOOD)), expect: ['PASS'] },
  ],
  'alb-desync-mode-check': [
    { name: 'monitor fails', data: merge(lb(), attrs({ ...GOOD, 'routing.http.desync_mitigation_mode': 'monitor' })), expect: ['FAIL'], reason: /monitor/ },
    { name: 'defensive passes', data: merge(lb(), attrs(GOOD)), expect: ['PASS'] },
    { name: 'desyncMode strictest only', data: merge(lb(), attrs(GOOD)), parameters: { desyncMode: 'strictest' }, expect: ['FAIL'] },
  ],
  'elbv2-multiple-az': [
    { name: 'one AZ fails', data: lb({ AvailabilityZones: [{ ZoneName: 'us-east-1a' }] }), expect: ['FAIL'], reason: /fewer than 2/ },
    { name: 'two AZs pass', data: lb(), expect: ['PASS'] },
  ],
  'alb-waf-enabled': [
    { name: 'public ALB without web ACL fails', data: merge(lb(), waf([])), expect: ['FAIL'], reason: /ResourceArns/ },
    { name: 'public ALB with web ACL passes', data: merge(lb(), waf([ARN])), expect: ['PASS'] },
    { name: 'internal ALB not applicable', data: merge(lb({ Scheme: 'internal' }), waf([])), expect: ['NOT_APPLICABLE'] },
    { name: 'ListResourcesForWebACL denied is ERROR', data: merge(lb(), call('wafv2', 'ListWebACLs', { WebACLs: [{ Name: 'main', ARN: ACL }] }), perKey('wafv2', 'ListResourcesForWebACL', { [ACL]: { error: { code: 'AccessDeniedException', message: 'x' } } })), expect: ['ERROR'] },
  ],
};

describe('elbv2 checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
