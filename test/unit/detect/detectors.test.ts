import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingId, type Finding } from '../../../src/core/finding.ts';
import { detectEvents } from '../../../src/detect/index.ts';
import { dgaScore } from '../../../src/detect/detectors/dns.ts';
import { InstanceCredentialExfiltration } from '../../../src/detect/detectors/instance-credentials.ts';
import type { DetectorContext, Hit } from '../../../src/detect/types.ts';
import type { LogEvent } from '../../../src/logs/types.ts';
import { ACCOUNT, at, ct, dns, flow, user } from './events.ts';
import { tempDir } from '../../helpers/vigil.ts';

const T0 = '2026-11-01T10:00:00Z';
const types = (findings: Finding[]) => findings.map((f) => f.type);
const strip = (findings: Finding[]) => findings.map(({ observedAt: _o, ...rest }) => rest);

test('aggregation: repeats by one actor on one resource roll into one finding, in any order', () => {
  const events = [0, 5, 2].map((m) =>
    ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: at(T0, m), requestParameters: { name: 'main-trail' } }),
  );
  const forward = detectEvents(events);
  const backward = detectEvents([...events].reverse());
  assert.deepEqual(strip(forward), strip(backward));
  const [finding] = forward.filter((f) => f.type === 'Stealth:IAMUser/CloudTrailLoggingDisabled');
  assert.ok(finding);
  assert.equal(finding.count, 3);
  assert.equal(finding.firstSeen, '2026-11-01T10:00:00.000Z');
  assert.equal(finding.lastSeen, '2026-11-01T10:05:00.000Z');
  assert.equal(finding.severity, 'LOW');
  assert.deepEqual(finding.techniques, ['T1562.008']);
  assert.equal(finding.evidence.events!.length, 3);
  assert.equal(finding.evidence.ruleId, 'c10aa505-b1b7-4200-a2f7-c370cae1c876');
  assert.equal(finding.evidence.playbook, 'playbooks/detect/Stealth-IAMUser-CloudTrailLoggingDisabled.md');
  assert.equal(finding.id, findingId('detection', finding.type, ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/alice`, 'main-trail'));
});

test('aggregation: the evidence list is capped, the count is not', () => {
  const events = Array.from({ length: 40 }, (_, i) =>
    ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'DeleteTrail', eventTime: at(T0, i), requestParameters: { name: 't' } }),
  );
  const [finding] = detectEvents(events);
  assert.equal(finding!.count, 40);
  assert.equal(finding!.evidence.events!.length, 25);
});

test('console brute force: failures from one IP, HIGH when a success follows', () => {
  const fails = Array.from({ length: 12 }, (_, i) =>
    ct({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventTime: at(T0, i), sourceIPAddress: '203.0.113.9', responseElements: { ConsoleLogin: 'Failure' }, userIdentity: { type: 'IAMUser', accountId: ACCOUNT, userName: `user${i % 3}` } }),
  );
  const quiet = detectEvents(fails.slice(0, 5));
  assert.ok(!types(quiet).includes('UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce'));
  const success = ct({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventTime: at(T0, 20), sourceIPAddress: '203.0.113.9', responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes' }, userIdentity: user('user1') });
  const [brute] = detectEvents([...fails, success]).filter((f) => f.type === 'UnauthorizedAccess:IAMUser/ConsoleLoginBruteForce');
  assert.ok(brute);
  assert.equal(brute.count, 12);
  assert.equal(brute.severity, 'HIGH');
});

test('instance credentials used outside AWS, and from an address people use inside AWS', () => {
  const session = (ip: string, minute: number) =>
    ct({
      eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', readOnly: true, eventTime: at(T0, minute), sourceIPAddress: ip,
      userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/i-0123456789abcdef0`, principalId: 'AROAX:i-0123456789abcdef0', accountId: ACCOUNT, sessionContext: { ec2RoleDelivery: '2.0', sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/web` } } },
    });
  // 8.8.8.8 is Google's (AS15169): outside AWS.
  assert.ok(types(detectEvents([session('8.8.8.8', 0)])).includes('UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'));
  // 52.94.0.1 is Amazon's; a person also calls from it, so it is not the instance.
  const person = ct({ eventName: 'ListUsers', sourceIPAddress: '52.94.0.1', eventTime: at(T0, 1) });
  const inside = detectEvents([session('52.94.0.1', 2), person]);
  assert.ok(types(inside).includes('UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS'));
  // The instance alone, from its own AWS address: nothing.
  assert.ok(!types(detectEvents([session('52.94.0.1', 2)])).some((t) => t.includes('InstanceCredentialExfiltration')));
});

test('instance credentials sprayed from many addresses: the 256 smallest are kept whatever the order or split, the rest counted', () => {
  const role = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/i-0123456789abcdef0`, principalId: 'AROAX:i-0123456789abcdef0', accountId: ACCOUNT, sessionContext: { ec2RoleDelivery: '2.0', sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/web` } } };
  // 300 addresses of 8.8.0.0/16 (Google's, outside AWS), two calls each.
  const address = (n: number) => `8.8.${n >> 8}.${n & 255}`;
  const calls = Array.from({ length: 600 }, (_, i) =>
    ct({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: at(T0, i % 50), sourceIPAddress: address(Math.floor(i / 2)), userIdentity: role }),
  );
  const outside = (findings: Finding[]) => findings.filter((f) => f.type.endsWith('InstanceCredentialExfiltration.OutsideAWS'));
  const [finding] = outside(detectEvents(calls));
  assert.equal(finding!.count, 512, 'the calls from the 256 kept addresses');
  assert.equal(finding!.evidence.callsFromMoreAddresses, 88, '44 addresses past the cap, two calls each');
  assert.deepEqual(strip(outside(detectEvents([...calls].reverse()))), strip([finding!]), 'order-free');

  // Split across two detectors (as across threads) and merged: the same addresses are kept.
  const hitsOf = (parts: LogEvent[][]) => {
    const [first, ...rest] = parts.map((part) => {
      const detector = new InstanceCredentialExfiltration();
      for (const event of part) detector.observe(event);
      return detector;
    });
    for (const other of rest) first!.merge(structuredClone(other.state()));
    const hits: Hit[] = [];
    first!.finish({ emit: (hit: Hit) => void hits.push(hit) } as unknown as DetectorContext);
    return hits.map((h) => [h.details?.sourceIPAddress, h.count]).sort();
  };
  const whole = hitsOf([calls]);
  assert.equal(whole.length, 256);
  assert.deepEqual(whole.map(([ip]) => ip), Array.from({ length: 300 }, (_, n) => address(n)).sort().slice(0, 256));
  assert.deepEqual(hitsOf([calls.filter((_, i) => i % 3 === 0), calls.filter((_, i) => i % 3 !== 0)]), whole);
  assert.deepEqual(hitsOf([calls.slice(300), calls.slice(0, 300)]), whole);
});

test('instance credentials: 25 evidence ids for use outside AWS, 5 per AWS address (kept for every session, nearly always benign)', () => {
  const role = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/i-0123456789abcdef0`, principalId: 'AROAX:i-0123456789abcdef0', accountId: ACCOUNT, sessionContext: { ec2RoleDelivery: '2.0', sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/web` } } };
  const calls = (ip: string) => Array.from({ length: 30 }, (_, i) => ct({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: at(T0, i), sourceIPAddress: ip, userIdentity: role }));
  const [outside] = detectEvents(calls('8.8.8.8')).filter((f) => f.type.endsWith('OutsideAWS'));
  assert.equal(outside!.count, 30);
  assert.equal(outside!.evidence.events!.length, 25);
  const person = ct({ eventName: 'ListUsers', sourceIPAddress: '52.94.0.1', eventTime: at(T0, 1) });
  const [inside] = detectEvents([...calls('52.94.0.1'), person]).filter((f) => f.type.endsWith('InsideAWS'));
  assert.equal(inside!.count, 30, 'every call counted');
  assert.equal(inside!.evidence.events!.length, 5, 'the 5 earliest kept');
});

test('threat intel: lists, CSV and STIX; read calls are Recon, writes UnauthorizedAccess, Tor has its own type', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.txt'), '# known bad\n203.0.113.0/24\nevil.example\n');
  writeFileSync(join(dir, 'tor-exits.txt'), '192.0.2.66\n');
  writeFileSync(join(dir, 'feed.csv'), 'first_seen,ip_address,threat_type\n2026-01-01,45.33.32.156,botnet_cc\n');
  writeFileSync(
    join(dir, 'stix.json'),
    JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [{ type: 'indicator', spec_version: '2.1', id: 'indicator--1', pattern: "[ipv4-addr:value = '185.199.108.153'] OR [domain-name:value = 'c2.example.net']", pattern_type: 'stix', indicator_types: ['malicious-activity'], name: 'C2 server', valid_from: '2026-01-01T00:00:00Z' }] }),
  );
  const intel = ['bad.txt', 'tor-exits.txt', 'feed.csv', 'stix.json'].map((f) => join(dir, f));
  const read = ct({ eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', readOnly: true, sourceIPAddress: '203.0.113.50' });
  const write = ct({ eventName: 'CreateUser', sourceIPAddress: '203.0.113.51', userIdentity: user('bob') });
  const tor = ct({ eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com', readOnly: true, sourceIPAddress: '192.0.2.66', userIdentity: user('carol') });
  const found = types(detectEvents([read, write, tor], { intel }));
  assert.ok(found.includes('Recon:IAMUser/MaliciousIPCaller.Custom'));
  assert.ok(found.includes('UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom'));
  assert.ok(found.includes('Recon:IAMUser/TorIPCaller'));
  const net = detectEvents([flow({ srcAddr: '10.0.1.5', dstAddr: '45.33.32.156', dstPort: 8443 }), flow({ srcAddr: '185.199.108.153', dstAddr: '10.0.1.6', srcPort: 443, dstPort: 50001 })], { intel });
  assert.deepEqual(types(net).filter((t) => t.startsWith('Backdoor')), ['Backdoor:EC2/C&CActivity.B', 'Backdoor:EC2/C&CActivity.B']);
  assert.ok(types(detectEvents([dns('x.c2.example.net'), dns('evil.example')], { intel })).includes('Backdoor:EC2/C&CActivity.B!DNS'));
});

test('flow logs: SSH brute force, port scan, mining pool; normal traffic is quiet', () => {
  const start = 1_793_000_000;
  const brute = Array.from({ length: 25 }, (_, i) => flow({ srcAddr: '45.33.32.156', dstAddr: '10.0.1.5', srcPort: 40000 + i, dstPort: 22, action: 'REJECT', start: start + i * 10 }));
  const scan = Array.from({ length: 60 }, (_, i) => flow({ srcAddr: '10.0.1.8', dstAddr: '10.0.2.9', srcPort: 55000, dstPort: 1000 + i, interfaceId: 'eni-scan', start: start + i }));
  const mining = [flow({ srcAddr: '10.0.1.9', dstAddr: '185.199.108.153', srcPort: 50123, dstPort: 3333, interfaceId: 'eni-miner', start })];
  const normal = Array.from({ length: 30 }, (_, i) => flow({ srcAddr: '10.0.1.10', dstAddr: '93.184.216.34', srcPort: 50000 + i, dstPort: 443, interfaceId: 'eni-web', start: start + i }));
  const found = detectEvents([...brute, ...scan, ...mining, ...normal]);
  const byType = new Map(found.map((f) => [f.type, f]));
  assert.equal(byType.get('UnauthorizedAccess:EC2/SSHBruteForce')?.count, 25);
  assert.equal(byType.get('UnauthorizedAccess:EC2/SSHBruteForce')?.resource.id, 'eni-0abc');
  assert.ok(byType.has('Recon:EC2/Portscan'));
  assert.ok(byType.has('CryptoCurrency:EC2/BitcoinTool.B'));
  assert.ok(byType.get('UnauthorizedAccess:EC2/SSHBruteForce')!.evidence.events![0]!.startsWith('flow.log:'));
  assert.equal(found.filter((f) => f.resource.id === 'eni-web').length, 0);
});

test('DNS: mining pools, DGA, exfiltration through labels; ordinary names are quiet', () => {
  const dga = ['xkqzvbtrwplm', 'qwzrtplkjhvbn', 'zxcvbnmqwrtp', 'plmkoqazwsxqr', 'rtyvbnqzxwpl', 'mnbvzxqwrtkp'].map((l) => dns(`${l}.com`, { rcode: 'NXDOMAIN' }));
  const exfil = Array.from({ length: 25 }, (_, i) => dns(`${Buffer.from(`secret-row-${i}-${'x'.repeat(20)}`).toString('hex')}.data.exfil-example.org`));
  const normal = ['www.google.com', 'api.github.com', 'registry.npmjs.org', 'ec2.us-east-1.amazonaws.com', 'login.microsoftonline.com', 'static.example-cdn.net', 'mail.yahoo.co.uk'].map((n) => dns(n));
  const found = types(detectEvents([dns('pool.supportxmr.com'), ...dga, ...exfil, ...normal]));
  assert.ok(found.includes('CryptoCurrency:EC2/BitcoinTool.B!DNS'));
  assert.ok(found.includes('Trojan:EC2/DGADomainRequest.C!DNS'));
  assert.ok(found.includes('Trojan:EC2/DNSDataExfiltration'));
  assert.deepEqual(types(detectEvents(normal)), []);
  for (const word of ['microsoftonline', 'stackoverflow', 'cloudflare', 'wikipedia', 'salesforce']) assert.ok(dgaScore(word) < 0.7, word);
});

test('trust policies: outside accounts and "*" fire; the own and trusted accounts do not', () => {
  const trust = (principal: unknown) =>
    ct({ eventName: 'UpdateAssumeRolePolicy', requestParameters: { roleName: 'app', policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] }) } });
  const type = 'Persistence:IAMRole/TrustPolicyExternalAccount';
  assert.ok(types(detectEvents([trust('arn:aws:iam::999988887777:root')])).includes(type));
  assert.equal(detectEvents([trust('*')]).find((f) => f.type === type)?.severity, 'CRITICAL');
  assert.ok(!types(detectEvents([trust(`arn:aws:iam::${ACCOUNT}:role/ci`)])).includes(type));
  assert.ok(!types(detectEvents([trust('arn:aws:iam::999988887777:root')], { trustedAccounts: ['999988887777'] })).includes(type));
});

test('event selectors: dropping management events fires, keeping them does not', () => {
  const put = (params: Record<string, unknown>) => ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors', requestParameters: { trailName: 't', ...params } });
  const type = 'Stealth:IAMUser/CloudTrailEventSelectorsModified';
  assert.ok(types(detectEvents([put({ advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }] }] })])).includes(type));
  assert.ok(!types(detectEvents([put({ advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }] })])).includes(type));
  assert.ok(!types(detectEvents([put({ eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }] })])).includes(type));
});

test('S3: anonymous ACL grants and public policies', () => {
  const acl = ct({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b1', AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } } } });
  const policy = ct({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'b2', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b2/*' }] } } });
  const found = detectEvents([acl, policy]).filter((f) => f.type === 'Policy:S3/BucketAnonymousAccessGranted');
  assert.deepEqual(found.map((f) => f.resource.id).sort(), ['arn:aws:s3:::b1', 'arn:aws:s3:::b2']);
});

test('mass S3 deletes over the threshold in one hour', () => {
  const deletes = Array.from({ length: 120 }, (_, i) =>
    ct({ eventSource: 's3.amazonaws.com', eventName: 'DeleteObject', eventTime: at(T0, i % 50), requestParameters: { bucketName: 'data', key: `k${i}` } }),
  );
  const [finding] = detectEvents(deletes).filter((f) => f.type === 'Impact:S3/AnomalousBehavior.Delete');
  assert.equal(finding?.count, 120);
});

test('allow-lists: principals, user agents and rules silence detections', () => {
  const stop = ct({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', requestParameters: { name: 't' }, userAgent: 'terraform/1.6' });
  assert.equal(detectEvents([stop]).length, 1);
  assert.equal(detectEvents([stop], { allow: { principals: ['arn:aws:iam::*:user/alice'] } }).length, 0);
  assert.equal(detectEvents([stop], { allow: { userAgents: ['terraform/*'] } }).length, 0);
  assert.equal(detectEvents([stop], { allow: { rules: ['Stealth:*'] } }).length, 0);
  assert.equal(detectEvents([stop], { allow: { ips: ['198.51.100.0/24'] } }).length, 0);
});

test('pen-test distributions in the user agent', () => {
  const call = ct({ eventName: 'ListUsers', readOnly: true, userAgent: 'aws-cli/2.13.5 Python/3.11.4 Linux/6.3.0-kali1-amd64 exe/x86_64.kali.2023 prompt/off' });
  assert.ok(types(detectEvents([call])).includes('PenTest:IAMUser/KaliLinux'));
  assert.ok(!types(detectEvents([ct({ eventName: 'ListUsers', userAgent: 'aws-cli/2 Linux/kalimba' })])).includes('PenTest:IAMUser/KaliLinux'));
});
