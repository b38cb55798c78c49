import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, parseConfig } from '../../../src/core/config.ts';
import { configuredDetection, problemText } from '../../../src/cli/commands/detect.ts';

test('every key of the detect section reaches detection (vigil detect and vigil watch read it the same way)', () => {
  const config = parseConfig(
    [
      'detect:',
      '  learningDays: 3',
      '  state: /var/lib/vigil/baseline.json',
      '  intel: [bad-ips.txt]',
      '  rules: [sigma/aws]',
      '  workers: 2',
      '  memoryMb: 800',
      '  allow: { principals: ["arn:aws:iam::*:role/ci"] }',
      '  thresholds: { consoleBruteForce: 20 }',
      '  trustedAccounts: ["444455556666"]',
    ].join('\n'),
  );
  const options = configuredDetection(config);
  const detectKeys = Object.keys(configSchema.shape.detect.unwrap().shape);
  for (const key of detectKeys) assert.notEqual((options as Record<string, unknown>)[key], undefined, `detect.${key} is carried`);
  assert.equal(options.memoryMb, 800);
  assert.deepEqual(options.trustedAccounts, ['444455556666']);
  assert.deepEqual(configuredDetection({}), Object.fromEntries(detectKeys.map((k) => [k, undefined])));
});

test('a log problem is one line naming the file and the line or byte offset', () => {
  assert.equal(problemText({ file: 'a.json', line: 3, reason: 'bad JSON' }), 'a.json:3: bad JSON');
  assert.equal(problemText({ file: 'b.gz', offset: 20, reason: 'truncated' }), 'b.gz@20: truncated');
  assert.equal(problemText({ file: 'c', reason: 'cannot read' }), 'c: cannot read');
});
