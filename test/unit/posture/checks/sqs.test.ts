import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('sqs');
const URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/jobs';
const queue = (attributes: Record<string, string>) => merge(call('sqs', 'ListQueues', { QueueUrls: [URL] }), perKey('sqs', 'GetQueueAttributes', { [URL]: { Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:111122223333:jobs', ...attributes } } }));
const policy = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

const cases: Record<string, Case[]> = {
  'sqs-queue-encrypted': [
    { name: 'no SSE fails', data: queue({ SqsManagedSseEnabled: 'false' }), expect: ['FAIL'], reason: /SqsManagedSseEnabled/ },
    { name: 'SSE-SQS passes', data: queue({ SqsManagedSseEnabled: 'true' }), expect: ['PASS'] },
    { name: 'SSE-KMS passes', data: queue({ KmsMasterKeyId: 'alias/aws/sqs' }), expect: ['PASS'] },
  ],
  'sqs-queue-no-public-access': [
    { name: 'Principal * fails', data: queue({ Policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }) }), expect: ['FAIL'], reason: /sqs:SendMessage/ },
    { name: 'SourceArn-restricted passes', data: queue({ Policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } } }) }), expect: ['PASS'] },
    { name: 'no policy passes', data: queue({}), expect: ['PASS'] },
    { name: 'GetQueueAttributes denied is ERROR', data: merge(call('sqs', 'ListQueues', { QueueUrls: [URL] }), perKey('sqs', 'GetQueueAttributes', { [URL]: { error: { code: 'AccessDenied', message: 'x' } } })), expect: ['ERROR'] },
  ],
};

describe('sqs checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
