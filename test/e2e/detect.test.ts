import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';

/** `vigil detect` as a user runs it: logs in a folder, JSON out, problems on stderr. */

const ACCOUNT = '111122223333';
const record = (id: string, fields: Record<string, unknown>) => ({
  eventVersion: '1.09', eventTime: '2026-11-01T10:00:00Z', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7', userAgent: 'aws-cli/2.15.0', eventID: id, eventType: 'AwsApiCall', recipientAccountId: ACCOUNT,
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' },
  requestParameters: { name: 'main' }, responseElements: null, ...fields,
});

function logs(): string {
  const dir = tempDir();
  const trail = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', '2026', '11', '01');
  mkdirSync(trail, { recursive: true });
  writeFileSync(join(trail, 'a.json.gz'), gzipSync(JSON.stringify({ Records: [record('e1', {}), record('e2', { eventTime: '2026-11-01T10:05:00Z' })] })));
  writeFileSync(
    join(trail, 'b.json.gz'),
    gzipSync(JSON.stringify({ Records: [record('e3', { eventSource: 'ec2.amazonaws.com', eventName: 'ModifySnapshotAttribute', requestParameters: { snapshotId: 'snap-1', createVolumePermission: { add: { items: [{ group: 'all' }] } } } })] })),
  );
  // A truncated gzip file: reported and skipped, the rest still read.
  writeFileSync(join(trail, 'broken.json.gz'), gzipSync(JSON.stringify({ Records: [record('e9', {})] })).subarray(0, 20));
  return dir;
}

test('vigil detect: findings and stats in JSON, a corrupt file reported on stderr', async () => {
  const dir = logs();
  const run = await runVigil(['detect', dir, '--format', 'json', '--workers', '1']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { findings: Array<Record<string, any>>; stats: Record<string, any> };
  const types = out.findings.map((f) => f.type).sort();
  assert.deepEqual(types, ['Exfiltration:EC2/SnapshotSharedExternally', 'Stealth:IAMUser/CloudTrailLoggingDisabled']);
  const stop = out.findings.find((f) => f.type === 'Stealth:IAMUser/CloudTrailLoggingDisabled')!;
  assert.equal(stop.source, 'detection');
  assert.equal(stop.count, 2);
  assert.deepEqual(stop.evidence.events, ['e1', 'e2']);
  assert.deepEqual(stop.techniques, ['T1562.008']);
  assert.ok(stop.references.some((r: string) => r.includes('guardduty_finding-types-iam.html')));
  assert.equal(out.stats.files, 3);
  assert.equal(out.stats.filesSkipped, 1);
  assert.equal(out.stats.events.parsed, 3);
  assert.ok(out.stats.rules.loaded > 30);
  assert.match(run.stderr, /broken\.json\.gz/);
});

test('vigil detect --rules: a user Sigma folder with --no-builtin; broken rules are named, not fatal', async () => {
  const dir = logs();
  const rules = tempDir();
  writeFileSync(join(rules, 'snap.yml'), 'title: Snapshot attribute changed\nid: 0b1c2d3e-0000-4000-8000-000000000001\nlevel: high\ntags: [attack.exfiltration, attack.t1537]\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel:\n    eventName|startswith: ModifySnapshot\n  condition: sel\n');
  writeFileSync(join(rules, 'bad.yml'), 'title: bad\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: X}, condition: nope}\n');
  writeFileSync(join(rules, 'win.yml'), 'title: win\nlogsource: {product: windows}\ndetection: {sel: {Image: x}, condition: sel}\n');
  const run = await runVigil(['detect', dir, '--rules', rules, '--no-builtin', '--format', 'json', '--workers', '1']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual(out.findings.map((f: { type: string }) => f.type), ['Sigma:CloudTrail/SnapshotAttributeChanged']);
  assert.equal(out.findings[0].evidence.ruleId, '0b1c2d3e-0000-4000-8000-000000000001');
  assert.equal(out.findings[0].severity, 'HIGH');
  assert.deepEqual(out.findings[0].techniques, ['T1537']);
  assert.deepEqual({ loaded: out.stats.rules.loaded, skipped: out.stats.rules.skipped, failed: out.stats.rules.failed }, { loaded: 1, skipped: 1, failed: 1 });
  assert.match(run.stderr, /bad\.yml: condition names unknown selection "nope"/);
});

test('vigil detect: --fail-on, --since and allow-lists from vigil.yaml', async () => {
  const dir = logs();
  const failing = await runVigil(['detect', dir, '--format', 'json', '--fail-on', 'HIGH', '--workers', '1']);
  assert.equal(failing.code, 1);
  const late = await runVigil(['detect', dir, '--format', 'json', '--since', '2026-11-01T10:01:00Z', '--workers', '1']);
  const lateOut = JSON.parse(late.stdout);
  assert.equal(lateOut.stats.events.filtered, 2);
  const config = join(tempDir(), 'vigil.yaml');
  writeFileSync(config, 'detect:\n  allow:\n    principals: ["arn:aws:iam::*:user/alice"]\n');
  const allowed = await runVigil(['detect', dir, '--config', config, '--format', 'json', '--workers', '1']);
  assert.deepEqual(JSON.parse(allowed.stdout).findings, []);
});

test('vigil detect: a missing input is exit 2 naming it', async () => {
  const run = await runVigil(['detect', '/no/such/logs']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /\/no\/such\/logs/);
});

test('vigil detect: --memory and detect.memoryMb are read; a size that is not a number is exit 2 naming where', async () => {
  const dir = logs();
  const planned = await runVigil(['detect', dir, '--format', 'json', '--memory', '400']);
  assert.equal(planned.code, 0, planned.stderr);
  assert.equal(JSON.parse(planned.stdout).stats.workers, 1);
  const bad = await runVigil(['detect', dir, '--memory', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^[^\n]*--memory: expected a number, got "lots"/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
  const config = join(tempDir(), 'vigil.yaml');
  writeFileSync(config, 'detect:\n  memoryMb: lots\n');
  const badConfig = await runVigil(['detect', dir, '--config', config]);
  assert.equal(badConfig.code, 2);
  assert.match(badConfig.stderr, /vigil\.yaml:2:\d+: detect\.memoryMb/);
});
