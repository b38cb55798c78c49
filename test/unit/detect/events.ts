import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CloudTrailEvent, FlowLogRecord, LogEvent, ResolverQueryRecord } from '../../../src/logs/types.ts';
import { tempDir } from '../../helpers/vigil.ts';

/** Builders for in-memory log events, shaped as AWS writes them. */
let counter = 0;

export const ACCOUNT = '111122223333';

export function user(name: string, account = ACCOUNT): CloudTrailEvent['userIdentity'] {
  return { type: 'IAMUser', principalId: `AIDA${name.toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${name}`, accountId: account, userName: name, accessKeyId: `AKIA${name.toUpperCase()}` };
}

export function ct(fields: Partial<CloudTrailEvent> & { eventName: string }): LogEvent {
  counter++;
  const record: CloudTrailEvent = {
    eventVersion: '1.09',
    eventTime: '2026-11-01T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0 Python/3.11 Linux/6.1',
    userIdentity: user('alice'),
    requestParameters: null,
    responseElements: null,
    eventID: `evt-${String(counter).padStart(6, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    readOnly: false,
    ...fields,
  };
  return { kind: 'cloudtrail', record, ref: { file: 'mem.json', index: counter } };
}

export function flow(fields: Partial<FlowLogRecord>, line = ++counter): LogEvent {
  return {
    kind: 'vpcflow',
    record: { version: 2, accountId: ACCOUNT, interfaceId: 'eni-0abc', srcPort: 50000, dstPort: 443, protocol: 6, packets: 3, bytes: 180, start: 1_793_000_000, end: 1_793_000_060, action: 'ACCEPT', logStatus: 'OK', ...fields },
    ref: { file: 'flow.log', line },
  };
}

export function dns(name: string, fields: Partial<ResolverQueryRecord> = {}, line = ++counter): LogEvent {
  return {
    kind: 'dns',
    record: { version: '1.100000', account_id: ACCOUNT, region: 'us-east-1', vpc_id: 'vpc-1', query_timestamp: '2026-11-01T10:00:00Z', query_name: `${name}.`, query_type: 'A', query_class: 'IN', rcode: 'NOERROR', answers: [], srcaddr: '10.0.1.5', srcport: '5353', transport: 'UDP', srcids: { instance: 'i-0123456789abcdef0' }, ...fields },
    ref: { file: 'dns.log', line },
  };
}

export function at(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/**
 * A folder of four trail files (two plain, two gzipped) whose findings only add up when the
 * state of the threads that read them is merged: a burst of secret reads, a password-guessing
 * run from `loginAddress`, logging stopped. `reversed` writes each file's records newest first;
 * `broken` adds a corrupt gzip file.
 */
export function mergeTrailFolder(options: { loginAddress: string; reversed?: boolean; broken?: boolean }): string {
  const dir = tempDir();
  const events: LogEvent[] = [];
  for (let i = 0; i < 24; i++) {
    events.push(ct({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue', eventTime: at('2026-11-01T10:00:00Z', i % 9), requestParameters: { secretId: `s${i}` }, userIdentity: user('mallory') }));
    events.push(ct({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventTime: at('2026-11-01T11:00:00Z', i), sourceIPAddress: options.loginAddress, responseElements: { ConsoleLogin: 'Failure' }, userIdentity: { type: 'IAMUser', accountId: ACCOUNT, userName: 'root-guess' } }));
    events.push(ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: at('2026-11-01T12:00:00Z', i), requestParameters: { name: 'trail' } }));
  }
  for (let f = 0; f < 4; f++) {
    const records = events.filter((_, i) => i % 4 === f).map((e) => (e as Extract<LogEvent, { kind: 'cloudtrail' }>).record);
    const body = JSON.stringify({ Records: options.reversed ? records.reverse() : records });
    writeFileSync(join(dir, `part${f}.json${f % 2 ? '.gz' : ''}`), f % 2 ? gzipSync(body) : body);
  }
  if (options.broken) writeFileSync(join(dir, 'broken.json.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01]));
  return dir;
}
