import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOcsf, toOcsf } from '../../../src/output/ocsf.ts';
import { ALL, GUARDDUTY_ON, ROOT_KEY, TRAIL_STOPPED, TRAIL_UNKNOWN, sampleReport } from './fixtures/findings.ts';

const AT = '2026-11-24T00:00:00.000Z';
type Event = Record<string, any>;

/** Attributes the OCSF 1.3 base event and the Findings category require. */
function assertBase(event: Event): void {
  for (const key of ['activity_id', 'category_uid', 'class_uid', 'type_uid', 'time', 'severity_id', 'metadata', 'finding_info', 'cloud']) {
    assert.ok(event[key] !== undefined, `${key} is required`);
  }
  assert.equal(event.category_uid, 2);
  assert.equal(event.type_uid, event.class_uid * 100 + event.activity_id);
  assert.ok(Number.isInteger(event.time) && event.time > 1.6e12, 'time is epoch milliseconds');
  assert.ok([0, 1, 2, 3, 4, 5, 6, 99].includes(event.severity_id));
  assert.equal(event.metadata.product.name, 'Vigil');
  assert.ok(event.metadata.product.vendor_name);
  assert.match(event.metadata.version, /^1\.\d+\.\d+$/);
  assert.ok(event.finding_info.uid && event.finding_info.title);
  assert.equal(event.cloud.provider, 'AWS');
}

test('the output is a JSON array with one valid event per finding', () => {
  const events: Event[] = JSON.parse(renderOcsf(sampleReport()));
  assert.ok(Array.isArray(events));
  assert.equal(events.length, ALL.length);
  events.forEach(assertBase);
});

test('posture results are Compliance Findings (2003) with standards, requirements and status', () => {
  const event = toOcsf(ROOT_KEY, AT) as Event;
  assert.equal(event.class_uid, 2003);
  assert.equal(event.type_uid, 200301);
  assert.equal(event.severity_id, 5);
  assert.deepEqual(event.compliance.standards, ['CIS AWS Foundations Benchmark v5.0.0', 'AWS Foundational Security Best Practices v1.0.0', 'AWS Config']);
  assert.ok(event.compliance.requirements.includes('CIS AWS Foundations Benchmark v5.0.0/1.3'));
  assert.deepEqual([event.compliance.status_id, event.compliance.status], [3, 'Fail']);
  assert.deepEqual(event.cloud, { provider: 'AWS', region: 'us-east-1', account: { uid: '111122223333', type: 'AWS Account', type_id: 10 } });
  assert.equal(event.resources[0].uid, ROOT_KEY.resource.id);
  assert.equal(event.remediation.desc, ROOT_KEY.remediation);
  assert.deepEqual([(toOcsf(GUARDDUTY_ON, AT) as Event).compliance.status_id, (toOcsf(GUARDDUTY_ON, AT) as Event).status], [1, 'Resolved']);
  assert.equal((toOcsf(TRAIL_UNKNOWN, AT) as Event).compliance.status_id, 0);
});

test('detections are Detection Findings (2004) with ATT&CK, events and seen times', () => {
  const event = toOcsf(TRAIL_STOPPED, AT) as Event;
  assertBase(event);
  assert.equal(event.class_uid, 2004);
  assert.equal(event.type_uid, 200401);
  assert.equal(event.severity_id, 3);
  assert.equal(event.compliance, undefined);
  assert.deepEqual(event.finding_info.types, ['Stealth:IAMUser/CloudTrailLoggingDisabled']);
  assert.equal(event.finding_info.first_seen_time, Date.parse('2026-11-20T10:00:00Z'));
  assert.equal(event.finding_info.last_seen_time, Date.parse('2026-11-20T10:05:00Z'));
  assert.deepEqual(event.finding_info.related_events.map((e: Event) => e.uid), TRAIL_STOPPED.evidence.events);
  assert.equal(event.attacks[0].technique.uid, 'T1562.008');
  assert.equal(event.attacks[0].technique.src_url, 'https://attack.mitre.org/techniques/T1562/008/');
  assert.deepEqual(event.finding_info.attacks, event.attacks);
  assert.equal(event.time, Date.parse('2026-11-20T10:05:00Z'));
});
