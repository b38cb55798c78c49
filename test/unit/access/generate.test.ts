import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePolicy } from '../../../src/access/generate/generate.ts';
import type { LogEvent } from '../../../src/logs/types.ts';

const USER = 'arn:aws:iam::111122223333:user/app';
async function* events(records: Array<Record<string, unknown>>): AsyncGenerator<LogEvent> {
  let i = 0;
  for (const r of records) yield { kind: 'cloudtrail', ref: { file: 'x', index: i++ }, record: { eventID: String(i), eventTime: '2026-01-01T00:00:00Z', awsRegion: 'eu-west-1', recipientAccountId: '111122223333', userIdentity: { type: 'IAMUser', arn: USER, accountId: '111122223333' }, ...r } as never };
}

test('resources from request parameters; actions without resource-level permissions get *', async () => {
  const result = await generatePolicy(events([
    { eventSource: 'dynamodb.amazonaws.com', eventName: 'PutItem', requestParameters: { tableName: 'orders' } },
    { eventSource: 'dynamodb.amazonaws.com', eventName: 'GetItem', requestParameters: { tableName: 'orders' } },
    { eventSource: 'sqs.amazonaws.com', eventName: 'SendMessage', requestParameters: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs' } },
    { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' },
    { eventSource: 'made-up.amazonaws.com', eventName: 'DoThing' },
  ]), USER);
  assert.deepEqual(result.policy.Statement, [
    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders'] },
    { Effect: 'Allow', Action: ['ec2:DescribeInstances'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:eu-west-1:111122223333:jobs'] },
  ]);
  assert.deepEqual(result.unknownActions, ['made-up:DoThing']);
  assert.deepEqual(result.issues.filter((i) => i.findingType === 'ERROR'), []);
});
