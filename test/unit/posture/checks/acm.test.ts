import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('acm');
const ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/c1';
const cert = (detail: Record<string, unknown>) => merge(call('acm', 'ListCertificates', { CertificateSummaryList: [{ CertificateArn: ARN, DomainName: 'example.com' }] }), perKey('acm', 'DescribeCertificate', { [ARN]: { Certificate: { CertificateArn: ARN, DomainName: 'example.com', Status: 'ISSUED', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA_2048', NotAfter: '2027-06-01T00:00:00Z', ...detail } } }));

const cases: Record<string, Case[]> = {
  'acm-certificate-expiration-check': [
    { name: 'expires in 10 days fails (default 14)', data: cert({ NotAfter: '2026-11-30T12:00:00Z' }), expect: ['FAIL'], reason: /NotAfter.*10 days/ },
    { name: 'expired fails', data: cert({ NotAfter: '2026-10-01T00:00:00Z', Status: 'EXPIRED' }), expect: ['FAIL'], reason: /expired/ },
    { name: 'valid for months passes', data: cert({}), expect: ['PASS'] },
    { name: 'daysToExpiration 5 makes 10 days pass', data: cert({ NotAfter: '2026-11-30T12:00:00Z' }), parameters: { daysToExpiration: '5' }, expect: ['PASS'] },
    { name: 'daysToExpiration 365 makes months fail', data: cert({}), parameters: { daysToExpiration: 365 }, expect: ['FAIL'] },
    { name: 'pending validation not applicable', data: cert({ NotAfter: undefined, Status: 'PENDING_VALIDATION' }), expect: ['NOT_APPLICABLE'] },
    { name: 'DescribeCertificate denied is ERROR', data: merge(call('acm', 'ListCertificates', { CertificateSummaryList: [{ CertificateArn: ARN, DomainName: 'example.com' }] }), perKey('acm', 'DescribeCertificate', { [ARN]: { error: { code: 'AccessDeniedException', message: 'x' } } })), expect: ['ERROR'] },
  ],
  'acm-certificate-rsa-check': [
    { name: 'RSA 1024 fails', data: cert({ KeyAlgorithm: 'RSA_1024' }), expect: ['FAIL'], reason: /1024/ },
    { name: 'RSA 2048 passes', data: cert({}), expect: ['PASS'] },
    { name: 'EC not applicable', data: cert({ KeyAlgorithm: 'EC_prime256v1' }), expect: ['NOT_APPLICABLE'] },
  ],
};

describe('acm checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
