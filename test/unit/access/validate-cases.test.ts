import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePolicy } from '../../../src/access/validate/validator.ts';
import type { PolicyType } from '../../../src/access/validate/types.ts';

/**
 * Table-driven ValidatePolicy cases: each names the policy (object, or text for syntax
 * cases), its type, the [issueCode, findingType] pairs that must be reported and codes that
 * must not be.
 */
interface Case {
  name: string;
  policy: unknown;
  policyType?: PolicyType;
  resourceType?: string;
  expect: Array<[string, string]>;
  absent?: string[];
  /** Path of the first expected issue, as Access Analyzer path elements. */
  path?: unknown[];
}

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'validate-cases');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  for (const c of (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] }).cases) {
    test(`${file}: ${c.name}`, () => {
      const text = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2);
      const issues = validatePolicy(text, { policyType: c.policyType ?? 'IDENTITY_POLICY', resourceType: c.resourceType });
      const got = issues.map((i) => `${i.issueCode}/${i.findingType}`);
      for (const [code, type] of c.expect) assert.ok(got.includes(`${code}/${type}`), `expected ${code}/${type}, got ${got.join(', ') || 'nothing'}`);
      for (const code of c.absent ?? []) assert.ok(!issues.some((i) => i.issueCode === code), `did not expect ${code}`);
      if (c.path) assert.deepEqual(issues.find((i) => i.issueCode === c.expect[0]![0])!.locations[0]!.path, c.path);
    });
  }
}

test('a clean policy has no findings', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' }] });
  assert.deepEqual(validatePolicy(text, { policyType: 'IDENTITY_POLICY' }), []);
});

test('locations: line from 1, column and offset from 0, span over the value', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]\n}';
  const issue = validatePolicy(text, { policyType: 'IDENTITY_POLICY' }).find((i) => i.issueCode === 'INVALID_ACTION')!;
  const start = text.indexOf('"s3:GetObjekt"');
  assert.deepEqual(issue.locations[0], {
    path: [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }],
    span: { start: { line: 3, column: start - text.lastIndexOf('\n', start) - 1, offset: start }, end: { line: 3, column: start - text.lastIndexOf('\n', start) - 1 + 14, offset: start + 14 } },
  });
});
