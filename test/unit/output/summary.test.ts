import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, sortFindings, controlLabel } from '../../../src/output/summary.ts';
import { ALL, PUBLIC_BUCKET, ROOT_KEY, TRAIL_STOPPED, TRAIL_UNKNOWN } from './fixtures/findings.ts';

test('summarize counts problems by severity and source, every result by status', () => {
  const summary = summarize(ALL);
  assert.equal(summary.total, 5);
  assert.equal(summary.actionable, 4); // the PASS is not a problem
  assert.deepEqual(summary.bySeverity, { INFORMATIONAL: 0, LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 1 });
  assert.deepEqual(summary.bySource, { detection: 1, posture: 3 });
  assert.deepEqual(summary.byStatus, { PASS: 1, FINDING: 1, FAIL: 2, ERROR: 1 });
});

test('top failing controls rank by failures, count only FAIL, and prefer the CIS control id', () => {
  const second = { ...PUBLIC_BUCKET, id: 'other', resource: { type: 'AWS::S3::Bucket', id: 'arn:aws:s3:::b2' } };
  const { topFailing } = summarize([ROOT_KEY, PUBLIC_BUCKET, second, TRAIL_UNKNOWN]);
  assert.deepEqual(
    topFailing.map((c) => [c.control, c.failures]),
    [['cis-aws-5.0.0 2.1.4', 2], ['cis-aws-5.0.0 1.3', 1]],
  );
  assert.equal(controlLabel(TRAIL_STOPPED), TRAIL_STOPPED.type);
});

test('sorting is worst first and stable whatever the input order', () => {
  const order = sortFindings(ALL).map((f) => f.type);
  assert.deepEqual(order, ['iam-root-access-key', 's3-bucket-public-access', 'Stealth:IAMUser/CloudTrailLoggingDisabled', 'cloudtrail-multi-region', 'guardduty-enabled']);
  assert.deepEqual(sortFindings([...ALL].reverse()).map((f) => f.type), order);
});
