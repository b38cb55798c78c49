import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEvents, runDetection } from '../../../src/detect/index.ts';
import { agentFamily } from '../../../src/detect/baseline/model.ts';
import type { LogEvent } from '../../../src/logs/types.ts';
import { at, ct, user } from './events.ts';
import { tempDir } from '../../helpers/vigil.ts';

/**
 * Given a user who works for ten days from one network with the AWS CLI, when the same
 * credentials call GetSecretValue for the first time from another network with another tool,
 * then a CredentialAccess:IAMUser/AnomalousBehavior finding is raised; nothing is raised
 * inside the learning period.
 */
const START = '2026-10-01T09:00:00Z';
const HOME_IP = '52.94.0.10'; // Amazon (AS16509)
const AWAY_IP = '45.33.32.156'; // Linode (AS63949)

function routine(days: number): LogEvent[] {
  const events: LogEvent[] = [];
  for (let day = 0; day < days; day++) {
    for (const [i, name] of ['DescribeInstances', 'ListBuckets', 'GetCallerIdentity'].entries()) {
      events.push(ct({ eventName: name, eventSource: 'ec2.amazonaws.com', readOnly: true, eventTime: at(START, day * 1440 + i * 7), sourceIPAddress: HOME_IP, userIdentity: user('dana') }));
    }
  }
  return events;
}

function attack(day: number): LogEvent {
  return ct({
    eventName: 'GetSecretValue', eventSource: 'secretsmanager.amazonaws.com', readOnly: true, eventTime: at(START, day * 1440 + 180),
    sourceIPAddress: AWAY_IP, userAgent: 'python-requests/2.31', userIdentity: user('dana'), requestParameters: { secretId: 'prod/db' },
  });
}

const anomalies = (events: LogEvent[], learningDays = 7) =>
  detectEvents(events, { learningDays }).filter((f) => f.type.endsWith('/AnomalousBehavior'));

test('a new API from a new network and tool after the learning period is anomalous', () => {
  const [finding] = anomalies([...routine(10), attack(11)]);
  assert.equal(finding?.type, 'CredentialAccess:IAMUser/AnomalousBehavior');
  assert.equal(finding?.severity, 'MEDIUM');
  assert.equal(finding?.resource.id, 'arn:aws:iam::111122223333:user/dana');
  assert.deepEqual(finding?.evidence.events?.length, 1);
});

test('nothing is raised inside the learning period, or for the known network and tool', () => {
  assert.deepEqual(anomalies([...routine(3), attack(3)]), []);
  assert.deepEqual(anomalies([...routine(10), attack(11)], 30), []);
  const familiar = ct({ eventName: 'GetSecretValue', eventSource: 'secretsmanager.amazonaws.com', eventTime: at(START, 11 * 1440), sourceIPAddress: HOME_IP, userIdentity: user('dana') });
  assert.deepEqual(anomalies([...routine(10), familiar]), []);
});

test('the baseline persists in --state, so a later run over new logs keeps learning', async () => {
  const dir = tempDir();
  const records = (events: LogEvent[]) => JSON.stringify({ Records: events.map((e) => (e as Extract<LogEvent, { kind: 'cloudtrail' }>).record) });
  writeFileSync(join(dir, 'week1.json'), records(routine(10)));
  writeFileSync(join(dir, 'week2.json'), records([attack(11)]));
  const state = join(dir, 'baseline.json');
  const first = await runDetection([join(dir, 'week1.json')], { state, workers: 1 });
  assert.equal(first.findings.filter((f) => f.type.endsWith('AnomalousBehavior')).length, 0);
  assert.equal(JSON.parse(readFileSync(state, 'utf8')).format, 'vigil-baseline/1');
  // Alone, week 2 has no history: nothing to compare with.
  const alone = await runDetection([join(dir, 'week2.json')], { workers: 1 });
  assert.equal(alone.findings.filter((f) => f.type.endsWith('AnomalousBehavior')).length, 0);
  const second = await runDetection([join(dir, 'week2.json')], { state, workers: 1 });
  assert.deepEqual(second.findings.filter((f) => f.type.endsWith('AnomalousBehavior')).map((f) => f.type), ['CredentialAccess:IAMUser/AnomalousBehavior']);
});

test('a console login from a new network and country after the learning period', () => {
  const login = (day: number, ip: string, agent: string) =>
    ct({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', eventTime: at(START, day * 1440), sourceIPAddress: ip, userAgent: agent, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes' }, userIdentity: user('erin') });
  const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
  const history = Array.from({ length: 10 }, (_, d) => login(d, HOME_IP, firefox));
  const found = detectEvents([...history, login(12, '81.2.69.142', firefox)]).map((f) => f.type);
  assert.ok(found.includes('UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B'));
  assert.ok(!detectEvents([...history, login(12, HOME_IP, firefox)]).some((f) => f.type.includes('ConsoleLoginSuccess')));
});

test('instances launched in a region the account never used', () => {
  const launch = ct({ eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', awsRegion: 'ap-southeast-3', eventTime: at(START, 12 * 1440), requestParameters: { instanceType: 't3.micro' } });
  const found = detectEvents([...routine(10), launch]).map((f) => f.type);
  assert.ok(found.includes('Impact:EC2/InstanceLaunchUnusedRegion'));
});

test('user-agent families ignore versions', () => {
  assert.equal(agentFamily('aws-cli/2.15.0 Python/3.11.6 Linux/6.1'), 'aws-cli');
  assert.equal(agentFamily('Boto3/1.34.1 md/Botocore#1.34.1 ua/2.0'), 'boto3');
  assert.equal(agentFamily('Mozilla/5.0 (Windows NT 10.0)'), 'browser');
  assert.equal(agentFamily('mytool_1234/5'), 'mytool');
});
