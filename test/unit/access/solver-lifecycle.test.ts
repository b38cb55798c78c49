import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Snapshot } from '../../../src/inventory/snapshot.ts';
import { parsePolicy } from '../../../src/access/policy/model.ts';
import { analyzeResourcePolicyDeep, analyzeResourcePolicyWithSolver, UndecidedAccessError } from '../../../src/access/external/analyze.ts';
import { analyzeAccess } from '../../../src/access/external/snapshot.ts';
import { closeSolver, decide } from '../../../src/access/external/solver.ts';
import { tempDir } from '../../helpers/vigil.ts';
import { ACCOUNT, OTHER, perResource } from './fixtures.ts';

/**
 * The solver's lifecycle: every query ends (an answer or an honest "unknown"), and closing the
 * solver, even in the middle of a query, lets the process exit. A CI run once sat idle after
 * all its tests had passed: closeSolver had terminated Z3's worker thread before the thread
 * cleared the 10-minute timer Z3 keeps the process alive with.
 */

after(closeSolver);

const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;
const zone = { kind: 'account' as const, organizationAccounts: new Set<string>(), trustedAccounts: new Set<string>() };

/**
 * A queue policy that grants nothing, in a way that is hard to prove: it allows another account
 * when each of holes+1 request tags holds one of `holes` values, and denies every two tags
 * sharing a value (the pigeonhole principle, exponential for the SAT search inside Z3).
 */
function pigeonholePolicy(holes: number): string {
  const values = Array.from({ length: holes }, (_, h) => `v${h}`);
  const keys = Array.from({ length: holes + 1 }, (_, i) => `aws:RequestTag/t${i}`);
  const statements: unknown[] = [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringEquals: Object.fromEntries(keys.map((k) => [k, values])) } }];
  keys.forEach((a, i) => keys.slice(i + 1).forEach((b) => values.forEach((v) => statements.push({ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE, Condition: { StringEquals: { [a]: v, [b]: v } } }))));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

test('a query that runs out of time answers "unknown", and the analysis reports it rather than "no access"', async () => {
  const resource = { arn: QUEUE, account: ACCOUNT, type: 'AWS::SQS::Queue' };
  // Given the same shape small enough to settle: no access, nothing left open.
  const small = await analyzeResourcePolicyWithSolver(parsePolicy(pigeonholePolicy(3)), resource, zone, { solver: { timeoutMs: 2_000 } });
  assert.deepEqual(small, { accesses: [], undecided: [] });

  // When it is too large for the time allowed.
  const hard = parsePolicy(pigeonholePolicy(8));
  const limits = { solver: { timeoutMs: 100 } };
  const analysis = await analyzeResourcePolicyWithSolver(hard, resource, zone, limits);
  assert.deepEqual(analysis.accesses, []);
  assert.equal(analysis.undecided.length, 1);
  assert.deepEqual(analysis.undecided[0]!.principal, { AWS: OTHER });
  assert.match(analysis.undecided[0]!.reason, /timed out after 100 ms/);

  // Then the list-only entry point refuses to read it as "no access"…
  await assert.rejects(analyzeResourcePolicyDeep(hard, resource, zone, limits), (error: unknown) => error instanceof UndecidedAccessError && /could not be decided/.test(error.message));

  // …and `vigil iam access` reports the queue as undecided (ERROR), not as reachable or safe.
  const snapshot = Snapshot.fromData({ collectedAt: '2026-01-01T00:00:00Z', accounts: [{ id: ACCOUNT, regions: ['us-east-1'] }] }, {
    [ACCOUNT]: { sqs: { GetQueueAttributes: { 'us-east-1': perResource({ [`https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q`]: { Attributes: { QueueArn: QUEUE, Policy: pigeonholePolicy(8) } } }) } } } as never,
  });
  const findings = await analyzeAccess(snapshot, {}, limits);
  assert.deepEqual(findings.map((f) => [f.status, f.resource.id]), [['ERROR', QUEUE]]);
  assert.match(findings[0]!.description, /could not decide whether AWS:444455556666 can sqs:SendMessage .*timed out/);
});

test('closeSolver can be called twice at once, and a query after it starts a fresh solver', async () => {
  const easy = () => decide((ctx, solver) => {
    const x = ctx.Int.const('x');
    solver.add(x.gt(3), x.lt(5));
    return (model) => model.eval(x).toString();
  });
  assert.deepEqual(await easy(), { status: 'sat', value: '4' });
  await Promise.all([closeSolver(), closeSolver()]);
  await closeSolver();
  assert.deepEqual(await easy(), { status: 'sat', value: '4' });
});

/**
 * Run in a process of its own, which must exit by itself: the original race (closing right as
 * a query ends), then closing while a hard query is still running.
 */
const CHILD = `
import { closeSolver, decide, startSolver } from ${JSON.stringify(new URL('../../../src/access/external/solver.ts', import.meta.url).href)};
const pigeons = (holes) => (ctx, solver) => {
  const p = Array.from({ length: holes + 1 }, (_, i) => Array.from({ length: holes }, (_, h) => ctx.Bool.const('p' + i + '_' + h)));
  for (const row of p) solver.add(ctx.Or(...row));
  for (let h = 0; h < holes; h++) for (let i = 0; i <= holes; i++) for (let j = i + 1; j <= holes; j++) solver.add(ctx.Not(ctx.And(p[i][h], p[j][h])));
  return () => 'model';
};
const answers = [];
answers.push((await decide(pigeons(3))).status);
await closeSolver();
await startSolver();
const running = decide(pigeons(13), { timeoutMs: 120000, graceMs: 120000 });
await new Promise((resolve) => setTimeout(resolve, 500));
await closeSolver();
answers.push(await running);
console.log(JSON.stringify(answers));
`;

test('closing the solver ends every Z3 thread, even during a query, and the process exits by itself', () => {
  const script = join(tempDir(), 'close-during-query.mjs');
  writeFileSync(script, CHILD);
  // The bound only turns a hang into a failure; a healthy run takes a few seconds.
  const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../../../', import.meta.url)), encoding: 'utf8', timeout: 90_000 });
  assert.equal(child.signal, null, `the process did not exit by itself (stderr: ${child.stderr})`);
  assert.equal(child.status, 0, child.stderr);
  const answers = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as unknown[];
  assert.deepEqual(answers[0], 'unsat');
  assert.deepEqual(answers[1], { status: 'unknown', reason: 'the solver was closed while the query ran' });
  assert.doesNotMatch(child.stderr, /terminated worker/, 'no Z3 thread was cut off before it finished');
});
