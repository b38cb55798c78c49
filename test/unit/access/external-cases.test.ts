import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeResourcePolicy } from '../../../src/access/external/analyze.ts';
import { parsePolicy } from '../../../src/access/policy/model.ts';
import { simulate } from '../../../src/access/simulate.ts';

/**
 * Table-driven external-access cases: a resource policy, the resource, the zone of trust and
 * exactly which principals (public or not) reach it. Each reported witness is replayed through
 * the simulator, which must allow it.
 */
interface Case {
  name: string;
  policy: unknown;
  resourceType: string;
  resourceArn: string;
  zone?: { kind: 'account' | 'organization'; organizationId?: string; organizationAccounts?: string[]; trustedAccounts?: string[] };
  expect: Array<{ principal: Record<string, string>; isPublic: boolean; actions?: string[] }>;
}

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'external-cases');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  for (const c of (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] }).cases) {
    test(`${file}: ${c.name}`, () => {
      const text = JSON.stringify(c.policy);
      const zone = { kind: c.zone?.kind ?? 'account', organizationId: c.zone?.organizationId, organizationAccounts: new Set(c.zone?.organizationAccounts ?? []), trustedAccounts: new Set(c.zone?.trustedAccounts ?? []) } as const;
      const found = analyzeResourcePolicy(parsePolicy(text), { arn: c.resourceArn, account: '111122223333', type: c.resourceType }, zone);
      assert.deepEqual(
        found.map((f) => ({ principal: f.principal, isPublic: f.isPublic })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        c.expect.map((e) => ({ principal: e.principal, isPublic: e.isPublic })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      for (const e of c.expect) if (e.actions) assert.deepEqual(found.find((f) => JSON.stringify(f.principal) === JSON.stringify(e.principal))!.actions, e.actions);
      for (const f of found) {
        const identity = f.witness.CallerArn.startsWith('arn:aws:iam::') ? ['{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'] : [];
        const replay = simulate(JSON.stringify({ ...f.witness, PolicyInputList: identity, ResourcePolicy: text }));
        assert.equal(replay.EvaluationResults[0]!.EvalDecision, 'allowed', `witness for ${JSON.stringify(f.principal)} must be allowed`);
      }
    });
  }
}

test('the solver finds access the fast path misses (a Deny pattern overlapping the witness value)', async () => {
  const { analyzeResourcePolicyDeep } = await import('../../../src/access/external/analyze.ts');
  const { closeSolver } = await import('../../../src/access/external/solver.ts');
  try {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bkt', Condition: { StringLike: { 's3:prefix': 'home/*' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bkt', Condition: { StringLike: { 's3:prefix': 'home/x*' } } },
    ] });
    const zone = { kind: 'account' as const, organizationAccounts: new Set<string>(), trustedAccounts: new Set<string>() };
    const resource = { arn: 'arn:aws:s3:::bkt', account: '111122223333', type: 'AWS::S3::Bucket' };
    assert.deepEqual(analyzeResourcePolicy(parsePolicy(text), resource, zone), [], 'the fast path alone gives up');
    const deep = await analyzeResourcePolicyDeep(parsePolicy(text), resource, zone);
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.isPublic, true);
    const replay = simulate(JSON.stringify({ ...deep[0]!.witness, ResourcePolicy: text }));
    assert.equal(replay.EvaluationResults[0]!.EvalDecision, 'allowed');
    // And it proves absence when there is none: the Deny covers every prefix the Allow does.
    const closed = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bkt', Condition: { StringLike: { 's3:prefix': 'home/*' } } },
      { Effect: 'Deny', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bkt', Condition: { StringLike: { 's3:prefix': 'home*' } } },
    ] });
    assert.deepEqual(await analyzeResourcePolicyDeep(parsePolicy(closed), resource, zone), []);
  } finally {
    await closeSolver();
  }
});
