import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyError, toCallError } from '../../../src/aws/errors.ts';
import { PARTITIONS, partitionOfArn, partitionOfRegion, roleArn } from '../../../src/aws/partitions.ts';
import { normalizeResponse } from '../../../src/aws/response.ts';
import { cachedCredentials } from '../../../src/aws/credentials.ts';
import { bucketRegion } from '../../../src/inventory/collect/unit.ts';

const sdkError = (name: string, message = 'm', status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('error classification', () => {
  const cases: Array<[string, string]> = [
    ['AccessDenied', 'access-denied'],
    ['AccessDeniedException', 'access-denied'],
    ['UnauthorizedOperation', 'access-denied'],
    ['ThrottlingException', 'throttled'],
    ['Throttling', 'throttled'],
    ['RequestLimitExceeded', 'throttled'],
    ['TooManyRequestsException', 'throttled'],
    ['SlowDown', 'throttled'],
    ['OptInRequired', 'region-unavailable'],
    ['UnrecognizedClientException', 'region-unavailable'],
    ['AuthFailure', 'region-unavailable'],
    ['InvalidClientTokenId', 'region-unavailable'],
    ['NoSuchBucketPolicy', 'not-found'],
    ['NoSuchEntity', 'not-found'],
    ['ResourceNotFoundException', 'not-found'],
    ['ServerSideEncryptionConfigurationNotFoundError', 'not-found'],
    ['ECONNREFUSED', 'network'],
    ['ValidationException', 'other'],
  ];
  for (const [code, kind] of cases) it(`${code} → ${kind}`, () => assert.equal(classifyError(sdkError(code)), kind));

  it('records code and a one-line message', () => {
    assert.deepEqual(toCallError(sdkError('AccessDenied', 'User: x is not authorized\nmore')), { code: 'AccessDenied', message: 'User: x is not authorized' });
  });
  it('falls back to the HTTP status when the SDK could not name the error', () => {
    assert.equal(toCallError(Object.assign(new Error(''), { name: 'UnknownError', $metadata: { httpStatusCode: 403 } })).code, 'AccessDenied');
    assert.equal(toCallError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).code, 'ECONNREFUSED');
  });
});

describe('partitions', () => {
  it('maps regions and ARNs to partitions and home regions', () => {
    assert.equal(partitionOfRegion('eu-west-1').homeRegion, 'us-east-1');
    assert.equal(partitionOfRegion('cn-north-1').homeRegion, 'cn-northwest-1');
    assert.equal(partitionOfRegion('us-gov-east-1').homeRegion, 'us-gov-west-1');
    assert.equal(partitionOfArn('arn:aws-us-gov:iam::111122223333:root').id, 'aws-us-gov');
    assert.equal(partitionOfArn('arn:aws:iam::111122223333:root').id, 'aws');
    assert.equal(roleArn(PARTITIONS['aws-cn'], '111122223333', 'Audit'), 'arn:aws-cn:iam::111122223333:role/Audit');
  });
  it('reads bucket locations: null and "" are the home region, EU is eu-west-1', () => {
    assert.equal(bucketRegion(null, 'us-east-1'), 'us-east-1');
    assert.equal(bucketRegion('', 'us-east-1'), 'us-east-1');
    assert.equal(bucketRegion('EU', 'us-east-1'), 'eu-west-1');
    assert.equal(bucketRegion('ap-south-1', 'us-east-1'), 'ap-south-1');
  });
});

describe('responses as the snapshot stores them', () => {
  it('drops $metadata, writes dates as ISO strings and blobs as base64, keeps strings as they are', () => {
    const out = normalizeResponse({
      $metadata: { httpStatusCode: 200 },
      When: new Date('2026-03-04T05:06:07Z'),
      Content: new Uint8Array([104, 105]),
      Nested: [{ At: new Date(0), Policy: '%7B%7D', Missing: undefined }],
    });
    assert.deepEqual(out, { When: '2026-03-04T05:06:07.000Z', Content: 'aGk=', Nested: [{ At: '1970-01-01T00:00:00.000Z', Policy: '%7B%7D' }] });
  });
});

describe('assumed-role sessions', () => {
  it('assumes once, shares the pending request, and refreshes near expiry', async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => {
      calls++;
      return { accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + 3600_000) };
    });
    const [a, b] = await Promise.all([provider(), provider()]);
    assert.equal(a.accessKeyId, 'ASIA1');
    assert.equal(b.accessKeyId, 'ASIA1');
    assert.equal(calls, 1);
    assert.equal((await provider()).accessKeyId, 'ASIA1');
  });
  it('replaces a session that is about to expire', async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => {
      calls++;
      return { accessKeyId: `ASIA${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) };
    });
    assert.equal((await provider()).accessKeyId, 'ASIA1');
    assert.equal((await provider()).accessKeyId, 'ASIA2');
  });
  it('does not cache a failure', async () => {
    let calls = 0;
    const provider = cachedCredentials(async () => {
      calls++;
      if (calls === 1) throw new Error('AccessDenied');
      return { accessKeyId: 'ASIA', secretAccessKey: 's' };
    });
    await assert.rejects(provider(), /AccessDenied/);
    assert.equal((await provider()).accessKeyId, 'ASIA');
  });
});
