import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../../src/access/simulate.ts';

/**
 * Table-driven evaluation tests: each file in ./cases holds requests in the Contract 5 input
 * vocabulary (policies may be written as objects for readability) and the decisions IAM's
 * documented evaluation logic gives.
 */
interface Case {
  name: string;
  input: Record<string, unknown>;
  /** One decision per action × resource, in order. */
  expect: string[];
  matched?: string[];
  missing?: string[];
}

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'cases');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const suite = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { cases: Case[] };
  for (const c of suite.cases) {
    test(`${file}: ${c.name}`, () => {
      const output = simulate(JSON.stringify(c.input));
      assert.deepEqual(output.EvaluationResults.map((r) => r.EvalDecision), c.expect);
      if (c.matched) assert.deepEqual([...new Set(output.EvaluationResults.flatMap((r) => r.MatchedStatements.map((s) => s.SourcePolicyId)))].sort(), [...c.matched].sort());
      if (c.missing) assert.deepEqual(output.EvaluationResults[0]!.MissingContextValues, c.missing);
    });
  }
}
