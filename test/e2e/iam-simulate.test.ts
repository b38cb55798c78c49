import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';

test('vigil iam simulate answers like SimulateCustomPolicy, with statement positions', async () => {
  const dir = tempDir();
  const file = join(dir, 'input.json');
  const policy = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
  writeFileSync(file, JSON.stringify({
    CallerArn: 'arn:aws:iam::111122223333:user/alice',
    ActionNames: ['dynamodb:CreateBackup', 's3:GetObject'],
    PolicyInputList: [policy],
    ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }],
  }));
  const run = await runVigil(['iam', 'simulate', '--input', file, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.EvaluationResults[0].EvalDecision, 'allowed');
  // The positions AWS's own documentation example shows for this policy.
  assert.deepEqual(out.EvaluationResults[0].MatchedStatements[0], {
    SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'none', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 },
  });
  assert.equal(out.EvaluationResults[1].EvalDecision, 'implicitDeny');
});

test('vigil iam simulate: exit 2 for input that is not JSON or has no ActionNames', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'bad.json'), '{ not json');
  writeFileSync(join(dir, 'noactions.json'), '{"PolicyInputList":[]}');
  const bad = await runVigil(['iam', 'simulate', '--input', join(dir, 'bad.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.json.*not JSON/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const none = await runVigil(['iam', 'simulate', '--input', join(dir, 'noactions.json')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /ActionNames/);
});
