import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { openLogs, type S3Access } from '../../../src/logs/index.ts';
import { keepFolder } from '../../../src/logs/sources/awslogs-layout.ts';

test('AWSLogs layout: folders outside the accounts, regions and days asked for are pruned', () => {
  const filter = { since: new Date('2024-03-02T08:00:00Z'), until: new Date('2024-03-03T10:00:00Z'), accounts: ['111122223333'], regions: ['eu-west-1'] };
  assert.equal(keepFolder('AWSLogs/', filter), true);
  assert.equal(keepFolder('AWSLogs/999999999999/', filter), false);
  assert.equal(keepFolder('AWSLogs/o-abcdefghij/111122223333/', filter), true);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail-Digest/', filter), false);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/us-east-1/', filter), false);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/eu-west-1/2023/', filter), false);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/01/', filter), false);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/02/', filter), true);
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/04/', filter), true, 'late deliveries land on the next day');
  assert.equal(keepFolder('AWSLogs/111122223333/CloudTrail/eu-west-1/2024/03/05/', filter), false);
  assert.equal(keepFolder('AWSLogs/111122223333/vpcdnsquerylogs/vpc-0abc/2024/03/02/', filter), true);
  assert.equal(keepFolder('AWSLogs/aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2024/month=02/', filter), false);
  assert.equal(keepFolder('my/own/prefix/', filter), true);
});

test('s3:// inputs list folder by folder and read only the objects the layout keeps', async () => {
  const record = (id: string) => gzipSync(JSON.stringify({ Records: [{ eventVersion: '1.09', eventTime: '2024-03-02T09:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: id }] }));
  const objects: Record<string, Buffer> = {
    'logs/AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/02/a.json.gz': record('kept'),
    'logs/AWSLogs/111122223333/CloudTrail/us-east-1/2024/02/28/b.json.gz': record('old'),
    'logs/AWSLogs/444455556666/CloudTrail/us-east-1/2024/03/02/c.json.gz': record('other-account'),
    'logs/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/02/d.json.gz': Buffer.from('{}'),
  };
  const listed: string[] = [];
  const fake: S3Access = {
    async list(bucket, prefix, page) {
      listed.push(`${prefix}@${page.startAfter ?? ''}`);
      const keys = Object.keys(objects).filter((k) => k.startsWith(prefix) && (!page.startAfter || k > page.startAfter)).sort();
      return { objects: keys.map((key) => ({ key, size: objects[key]!.length })) };
    },
    object(bucket, key) {
      return { name: `s3://${bucket}/${key}`, open: async () => (async function* () { yield objects[key]!; })() };
    },
    close() {},
  };
  const stream = openLogs(['s3://trail-bucket/logs/'], { s3: fake, since: new Date('2024-03-02T00:00:00Z'), accounts: ['111122223333'] });
  const seen: string[] = [];
  for await (const e of stream) seen.push(String(e.record.eventID));
  assert.deepEqual(seen, ['kept']);
  assert.ok(!listed.some((p) => p.split('@')[0]!.includes('444455556666') || p.split('@')[0]!.includes('2024/02/') || p.split('@')[0]!.includes('Digest')), listed.join(' '));
  assert.equal(stream.stats.files, 1);
});
