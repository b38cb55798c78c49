import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, run, type Case } from './service-checks-harness.ts';

const checks = await loadService('cloudfront');
const base = {
  Id: 'E1',
  ARN: 'arn:aws:cloudfront::111122223333:distribution/E1',
  DomainName: 'd1.cloudfront.net',
  WebACLId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1',
  DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
  CacheBehaviors: { Quantity: 0, Items: [] },
  ViewerCertificate: { CloudFrontDefaultCertificate: false, ACMCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/c1', SSLSupportMethod: 'sni-only', CertificateSource: 'acm' },
  Origins: {
    Quantity: 2,
    Items: [
      { Id: 'api', DomainName: 'api.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } } },
      { Id: 's3', DomainName: 'site.s3.us-east-1.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'oac-1' },
    ],
  },
  OriginGroups: { Quantity: 1, Items: [{ Id: 'g', Members: { Quantity: 2, Items: [{ OriginId: 'api' }, { OriginId: 's3' }] } }] },
};
const dist = (over: Record<string, unknown> = {}) => call('cloudfront', 'ListDistributions', { DistributionList: { Items: [{ ...base, ...over }] } });
const config = (over: Record<string, unknown>) => perKey('cloudfront', 'GetDistributionConfig', { E1: { DistributionConfig: { DefaultRootObject: 'index.html', Logging: { Enabled: true, Bucket: 'cf-logs.s3.amazonaws.com', IncludeCookies: false, Prefix: '' }, ...over } } });
const origins = (...items: unknown[]) => ({ Origins: { Quantity: items.length, Items: items } });

const cases: Record<string, Case[]> = {
  'cloudfront-viewer-policy-https': [
    { name: 'allow-all behavior fails', data: dist({ CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/img/*', ViewerProtocolPolicy: 'allow-all' }] } }), expect: ['FAIL'], reason: /\/img\/\*/ },
    { name: 'HTTPS everywhere passes', data: dist(), expect: ['PASS'] },
  ],
  'cloudfront-origin-failover-enabled': [
    { name: 'no origin group fails', data: dist({ OriginGroups: { Quantity: 0 } }), expect: ['FAIL'], reason: /OriginGroups/ },
    { name: 'two-member group passes', data: dist(), expect: ['PASS'] },
  ],
  'cloudfront-associated-with-waf': [
    { name: 'no web ACL fails', data: dist({ WebACLId: '' }), expect: ['FAIL'], reason: /WebACLId/ },
    { name: 'web ACL passes', data: dist(), expect: ['PASS'] },
    { name: 'wafWebAclIds mismatch fails', data: dist(), parameters: { wafWebAclIds: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/other/2' }, expect: ['FAIL'] },
  ],
  'cloudfront-custom-ssl-certificate': [
    { name: 'default certificate fails', data: dist({ ViewerCertificate: { CloudFrontDefaultCertificate: true, CertificateSource: 'cloudfront' } }), expect: ['FAIL'], reason: /CloudFrontDefaultCertificate/ },
    { name: 'ACM certificate passes', data: dist(), expect: ['PASS'] },
  ],
  'cloudfront-sni-enabled': [
    { name: 'vip fails', data: dist({ ViewerCertificate: { ...base.ViewerCertificate, SSLSupportMethod: 'vip' } }), expect: ['FAIL'], reason: /vip/ },
    { name: 'sni-only passes', data: dist(), expect: ['PASS'] },
    { name: 'default certificate not applicable', data: dist({ ViewerCertificate: { CloudFrontDefaultCertificate: true } }), expect: ['NOT_APPLICABLE'] },
  ],
  'cloudfront-traffic-to-origin-encrypted': [
    { name: 'http-only custom origin fails', data: dist(origins({ Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } })), expect: ['FAIL'], reason: /api \(http-only\)/ },
    { name: 'match-viewer with allow-all viewers fails', data: dist({ ...origins({ Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'match-viewer' } }), DefaultCacheBehavior: { ViewerProtocolPolicy: 'allow-all' } }), expect: ['FAIL'] },
    { name: 'https-only passes', data: dist(), expect: ['PASS'] },
  ],
  'cloudfront-no-deprecated-ssl-protocols': [
    { name: 'SSLv3 fails', data: dist(origins({ Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 2, Items: ['SSLv3', 'TLSv1.2'] } } })), expect: ['FAIL'], reason: /SSLv3/ },
    { name: 'TLSv1.2 passes', data: dist(), expect: ['PASS'] },
  ],
  'cloudfront-s3-origin-access-control-enabled': [
    { name: 'S3 origin without OAC fails', data: dist(origins({ Id: 's3', S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: '' })), expect: ['FAIL'], reason: /OriginAccessControlId/ },
    { name: 'OAC passes', data: dist(), expect: ['PASS'] },
    { name: 'no S3 origin not applicable', data: dist(origins({ Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } })), expect: ['NOT_APPLICABLE'] },
  ],
  'cloudfront-s3-origin-non-existent-bucket': [
    { name: 'bucket not in any account fails', data: merge(dist(), call('s3', 'ListBuckets', { Buckets: [{ Name: 'other' }] })), expect: ['FAIL'], reason: /not in this account's s3:ListBuckets: site/ },
    { name: 'bucket listed passes', data: merge(dist(), call('s3', 'ListBuckets', { Buckets: [{ Name: 'site' }] })), expect: ['PASS'] },
    { name: 'ListBuckets missing is ERROR', data: dist(), expect: ['ERROR'], reason: /s3:ListBuckets/ },
  ],
  'cloudfront-default-root-object-configured': [
    { name: 'no root object fails', data: merge(dist(), config({ DefaultRootObject: '' })), expect: ['FAIL'], reason: /DefaultRootObject/ },
    { name: 'root object passes', data: merge(dist(), config({})), expect: ['PASS'] },
    { name: 'GetDistributionConfig missing is ERROR', data: dist(), expect: ['ERROR'], reason: /GetDistributionConfig/ },
  ],
  'cloudfront-accesslogs-enabled': [
    { name: 'logging off fails', data: merge(dist(), config({ Logging: { Enabled: false, Bucket: '', IncludeCookies: false, Prefix: '' } })), expect: ['FAIL'], reason: /Logging\.Enabled/ },
    { name: 'logging on passes', data: merge(dist(), config({})), expect: ['PASS'] },
    { name: 'S3BucketName mismatch fails', data: merge(dist(), config({})), parameters: { S3BucketName: 'central' }, expect: ['FAIL'] },
  ],
};

describe('cloudfront checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
  test('CloudFront results are global', () => assert.equal(run(checks['cloudfront-viewer-policy-https']!, dist())[0]!.region, 'global'));
});
