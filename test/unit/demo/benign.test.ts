import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAttacks } from '../../../src/demo/attacks.ts';
import { generateBenignCloudTrail } from '../../../src/demo/logs/cloudtrail.ts';
import { generateBenignDns } from '../../../src/demo/logs/dns.ts';
import { generateBenignFlows } from '../../../src/demo/logs/flow.ts';
import { ATTACKER_IPS, buildOrg, DEMO_END, DEMO_START, EXFIL_DOMAIN, MINING_POOL_DOMAIN } from '../../../src/demo/org.ts';
import { Prng } from '../../../src/demo/prng.ts';

/** The benign week is what the detection issue measures noise on: it must hold no attack. */

const rng = new Prng('benign-test');
const org = buildOrg(rng);
const benign = generateBenignCloudTrail({ org, rng: rng.fork('benign') });
const attacks = generateAttacks(org, rng.fork('attack'), rng.fork('benign'));

/** Calls that only the embedded attacks make. */
const ATTACK_ONLY = new Set([
  'StopLogging', 'DeleteTrail', 'PutEventSelectors', 'UpdateTrail', 'DeleteDetector', 'CreateAccessKey', 'AttachUserPolicy', 'UpdateAssumeRolePolicy',
  'PutBucketPolicy', 'DeleteBucketPublicAccessBlock', 'DeleteAccountPublicAccessBlock', 'ModifySnapshotAttribute', 'LeaveOrganization', 'RunInstances', 'ListSecrets', 'UpdateAccountPasswordPolicy',
]);

test('benign CloudTrail has no attack calls and no attacker addresses or tools', () => {
  assert.ok(benign.length > 20_000);
  for (const e of benign) {
    assert.ok(!ATTACK_ONLY.has(e.eventName), `benign ${e.eventName} (${e.eventID})`);
    assert.ok(!ATTACKER_IPS.includes(e.sourceIPAddress ?? ''), `benign event from ${e.sourceIPAddress}`);
    assert.ok(!/kali|pacu/i.test(e.userAgent ?? ''), e.userAgent);
    assert.ok(!['ap-northeast-1'].includes(e.awsRegion ?? ''), 'no activity in unused regions');
    if (e.eventName === 'ConsoleLogin') {
      assert.equal((e.responseElements as { ConsoleLogin?: string }).ConsoleLogin, 'Success');
      assert.equal((e.additionalEventData as { MFAUsed?: string }).MFAUsed, 'Yes', 'every benign console sign-in uses MFA');
    }
    const t = Date.parse(e.eventTime);
    assert.ok(t >= DEMO_START && t < DEMO_END + 3_600_000, e.eventTime);
  }
  // The attacks do use those calls, so the check above is meaningful.
  const attackNames = new Set(attacks.cloudtrail.map((e) => e.eventName));
  for (const name of ['StopLogging', 'DeleteTrail', 'PutEventSelectors', 'DeleteDetector', 'CreateAccessKey', 'AttachUserPolicy', 'UpdateAssumeRolePolicy', 'PutBucketPolicy', 'ModifySnapshotAttribute', 'LeaveOrganization', 'RunInstances']) {
    assert.ok(attackNames.has(name), name);
  }
});

test('benign principals keep to a few addresses and user agents (so baselines can learn them)', () => {
  const ips = new Map<string, Set<string>>();
  const agents = new Map<string, Set<string>>();
  for (const e of benign) {
    const who = e.userIdentity?.arn ?? e.userIdentity?.invokedBy ?? e.userIdentity?.type ?? '?';
    const key = who.replace(/assumed-role\/([^/]+)\/.*/, 'assumed-role/$1');
    (ips.get(key) ?? ips.set(key, new Set()).get(key)!).add(e.sourceIPAddress ?? '');
    (agents.get(key) ?? agents.set(key, new Set()).get(key)!).add(e.userAgent ?? '');
  }
  for (const [who, set] of ips) assert.ok(set.size <= 3, `${who} uses ${set.size} addresses: ${[...set].join(' ')}`);
  for (const [who, set] of agents) assert.ok(set.size <= 4, `${who} uses ${set.size} user agents`);
  // Every userIdentity variant the detectors must handle appears.
  const types = new Set(benign.map((e) => e.userIdentity?.type));
  for (const type of ['IAMUser', 'AssumedRole', 'Root', 'AWSService', 'AWSAccount', 'WebIdentityUser']) assert.ok(types.has(type), type);
});

test('benign flow and DNS logs have no attacker addresses, mining pools or tunnels', () => {
  const flows = generateBenignFlows({ org, rng: rng.fork('flows') });
  assert.ok(flows.length > 10_000);
  for (const f of flows) {
    const [, , , src, dst, , dstPort, , , , , , action] = f.line.split(' ');
    assert.ok(!ATTACKER_IPS.includes(src!) && !ATTACKER_IPS.includes(dst!), f.line);
    assert.ok(!['3333', '4444', '3389'].includes(dstPort!), f.line);
    assert.equal(action, 'ACCEPT', f.line);
    assert.equal(f.attack, undefined);
  }
  const dns = generateBenignDns({ org, rng: rng.fork('dns') });
  assert.ok(dns.length > 5_000);
  for (const d of dns) {
    assert.ok(!d.record.query_name.includes(MINING_POOL_DOMAIN) && !d.record.query_name.includes(EXFIL_DOMAIN), d.record.query_name);
    assert.equal(d.record.rcode, 'NOERROR');
    assert.ok(d.record.query_name.length < 60, d.record.query_name);
  }
});
