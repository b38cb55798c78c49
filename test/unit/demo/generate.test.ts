import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateDemo, type DemoResult } from '../../../src/demo/index.ts';
import { ATTACKER_IPS } from '../../../src/demo/org.ts';
import { Prng } from '../../../src/demo/prng.ts';
import { readSnapshot } from '../../../src/inventory/snapshot.ts';
import { tempDir } from '../../helpers/vigil.ts';
import { fingerprint, listFiles } from './helpers.ts';

/**
 * One generated demo (seed 7) shared by the layout and ground-truth tests; the determinism test
 * generates twice more into a second folder (first with another seed, then seed 7 again).
 */
let outDir = '';
let demo: DemoResult;
before(async () => {
  outDir = tempDir('vigil-demo-');
  demo = await generateDemo({ outDir, seed: 7 });
});

const ORG_TRAIL = /^AWSLogs\/(o-[a-z0-9]{10})\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\2_CloudTrail_\3_(\d{4})(\d{2})(\d{2})T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
const FLOW = /^AWSLogs\/(\d{12})\/vpcflowlogs\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_vpcflowlogs_\2_fl-[0-9a-f]{17}_(\d{4})(\d{2})(\d{2})T\d{4}Z_[0-9a-f]{8}\.log\.gz$/;
const DNS = /^AWSLogs\/(\d{12})\/vpcdnsquerylogs\/(vpc-[0-9a-f]{17})\/(\d{4})\/(\d{2})\/(\d{2})\/\2_vpcdnsquerylogs_\1_(\d{4})(\d{2})(\d{2})T\d{4}Z_[0-9a-f]{8}\.log\.gz$/;
const FLOW_HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

const gunzip = (file: string) => gunzipSync(readFileSync(join(demo.logsDir, file))).toString('utf8');

test('same seed → byte-identical output (also when regenerating over another seed\'s demo); another seed → different', async () => {
  const other = tempDir('vigil-demo-other-');
  await generateDemo({ outDir: other, seed: 8 });
  const eight = fingerprint(other);
  await generateDemo({ outDir: other, seed: '7' });
  const left = fingerprint(outDir);
  const right = fingerprint(other);
  assert.ok(left.size > 100, `expected many files, got ${left.size}`);
  assert.deepEqual([...right.keys()], [...left.keys()]);
  for (const [file, hash] of left) assert.equal(right.get(file), hash, `${file} differs`);
  assert.notDeepEqual(eight.get('snapshot/333333333333.json'), left.get('snapshot/333333333333.json'));
  assert.notEqual([...eight.keys()].join(), [...left.keys()].join());
});

test('the PRNG is deterministic, uniform enough, and forks independently', () => {
  const seq = Array.from({ length: 1000 }, ((r) => () => r.next())(new Prng('x')));
  assert.deepEqual(seq, Array.from({ length: 1000 }, ((r) => () => r.next())(new Prng('x'))));
  assert.ok(seq.every((v) => v >= 0 && v < 1));
  assert.ok(Math.abs(seq.reduce((s, v) => s + v, 0) / seq.length - 0.5) < 0.05);
  assert.notEqual(new Prng('x').fork('one').next(), new Prng('x').fork('two').next());
  assert.match(new Prng('x').uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the generated snapshot reads back and the result names its folders', () => {
  const snap = readSnapshot(demo.snapshotDir);
  assert.equal(snap.accounts.length, 3);
  assert.equal(demo.awsLogsDir, join(demo.logsDir, 'AWSLogs'));
  for (const file of demo.intelFiles) assert.ok(readFileSync(file, 'utf8').trim().length > 0);
  assert.ok(demo.stats.cloudtrailEvents > 20_000, `a week at realistic volume, got ${demo.stats.cloudtrailEvents}`);
});

test('every log file is in its delivery layout, gunzips and parses', () => {
  const files = listFiles(demo.logsDir).filter((f) => f !== 'ATTACKS.json');
  const seen = { cloudtrail: 0, flow: 0, dns: 0, events: 0 };
  const regions = new Set<string>();
  for (const file of files) {
    let m: RegExpExecArray | null;
    if ((m = ORG_TRAIL.exec(file))) {
      assert.equal(m[1], JSON.parse(readFileSync(join(demo.logsDir, 'ATTACKS.json'), 'utf8')).organizationId);
      assert.deepEqual([m[4], m[5], m[6]], [m[7], m[8], m[9]], `${file}: folder date is the file's date`);
      const { Records } = JSON.parse(gunzip(file)) as { Records: any[] };
      assert.ok(Records.length > 0);
      for (const r of Records) {
        assert.equal(r.recipientAccountId, m[2], file);
        assert.equal(r.awsRegion, m[3], file);
        assert.match(r.eventVersion, /^1\.0[89]$/);
        assert.match(r.eventTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        assert.match(r.eventID, /^[0-9a-f-]{36}$/);
        assert.ok(['IAMUser', 'AssumedRole', 'Root', 'AWSService', 'AWSAccount', 'WebIdentityUser'].includes(r.userIdentity.type), r.userIdentity.type);
        assert.ok(Date.parse(r.eventTime) <= Date.parse(`${m[7]}-${m[8]}-${m[9]}T23:59:59Z`), 'delivered after the events');
      }
      regions.add(m[3]!);
      seen.cloudtrail++;
      seen.events += Records.length;
    } else if ((m = FLOW.exec(file))) {
      const lines = gunzip(file).trimEnd().split('\n');
      assert.equal(lines[0], FLOW_HEADER);
      for (const line of lines.slice(1)) {
        const fields = line.split(' ');
        assert.equal(fields.length, 14, line);
        assert.equal(fields[0], '2');
        assert.equal(fields[1], m[1]);
        assert.ok(['ACCEPT', 'REJECT'].includes(fields[12]!));
        assert.ok(Number(fields[10]) <= Number(fields[11]));
      }
      seen.flow++;
    } else if ((m = DNS.exec(file))) {
      for (const line of gunzip(file).trimEnd().split('\n')) {
        const record = JSON.parse(line);
        assert.equal(record.version, '1.100000');
        assert.equal(record.account_id, m[1]);
        assert.equal(record.vpc_id, m[2]);
        for (const key of ['query_timestamp', 'query_name', 'query_type', 'query_class', 'rcode', 'answers', 'srcaddr', 'srcport', 'transport', 'srcids']) assert.ok(key in record, `${key} in ${line}`);
      }
      seen.dns++;
    } else {
      assert.fail(`unexpected file ${file}`);
    }
  }
  assert.ok(seen.cloudtrail > 100 && seen.flow > 100 && seen.dns > 100, JSON.stringify(seen));
  assert.equal(seen.events, demo.stats.cloudtrailEvents);
  assert.deepEqual([...regions].sort(), ['ap-northeast-1', 'eu-west-1', 'us-east-1']);
});

test('ATTACKS.json references exist in the logs', () => {
  const truth = JSON.parse(readFileSync(join(demo.logsDir, 'ATTACKS.json'), 'utf8'));
  assert.ok(truth.attacks.length >= 20);
  const events = new Map<string, any>();
  for (const file of listFiles(demo.logsDir).filter((f) => ORG_TRAIL.test(f))) for (const r of JSON.parse(gunzip(file)).Records) events.set(r.eventID, r);
  const lastTwoDays = Date.parse(truth.window.end) - 2 * 86_400_000;
  const cache = new Map<string, string[]>();
  for (const attack of truth.attacks) {
    assert.match(attack.type, /^[A-Za-z]+:[A-Za-z0-9]+\/[A-Za-z0-9.!&]+$/, attack.type);
    assert.ok(attack.techniques.length > 0 && attack.techniques.every((t: string) => /^T\d{4}(\.\d{3})?$/.test(t)), attack.id);
    assert.ok(Date.parse(attack.firstSeen) >= lastTwoDays && attack.firstSeen <= attack.lastSeen, attack.id);
    if (attack.source === 'cloudtrail') {
      assert.ok(attack.eventIds.length > 0, attack.id);
      for (const id of attack.eventIds) {
        const record = events.get(id);
        assert.ok(record, `${attack.id}: event ${id} not in the logs`);
        assert.ok(attack.eventNames.includes(record.eventName));
        if (attack.actor.ip) assert.equal(record.sourceIPAddress, attack.actor.ip, attack.id);
      }
    } else {
      assert.ok(attack.refs.length > 0, attack.id);
      for (const ref of attack.refs) {
        const [file, line] = ref.split(':') as [string, string];
        if (!cache.has(file)) cache.set(file, gunzip(file).split('\n'));
        const text = cache.get(file)![Number(line) - 1];
        assert.ok(text, `${attack.id}: ${ref} does not exist`);
        const needle = attack.source === 'dns' ? attack.actor.instanceId : (attack.actor.ip ?? '10.20.');
        assert.ok(text.includes(needle), `${attack.id}: ${ref} is "${text}"`);
      }
    }
  }
  // The types the issue asks the demo to exercise.
  const types = new Set(truth.attacks.map((a: any) => a.type));
  for (const type of ['Stealth:IAMUser/CloudTrailLoggingDisabled', 'Policy:IAMUser/RootCredentialUsage', 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', 'PenTest:IAMUser/KaliLinux', 'Policy:S3/BucketAnonymousAccessGranted', 'UnauthorizedAccess:EC2/SSHBruteForce', 'CryptoCurrency:EC2/BitcoinTool.B', 'CryptoCurrency:EC2/BitcoinTool.B!DNS', 'Trojan:EC2/DGADomainRequest.C!DNS', 'Trojan:EC2/DNSDataExfiltration']) {
    assert.ok(types.has(type), `missing ${type}`);
  }
  // Every attacker address shows up somewhere in the truth.
  const text = JSON.stringify(truth.attacks);
  for (const ip of ATTACKER_IPS) assert.ok(text.includes(ip), ip);
});
