import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REGISTRY } from '../../src/inventory/collect/registry.ts';
import { runVigil } from '../helpers/vigil.ts';

describe('vigil collect (no AWS needed)', () => {
  it('--print-policy prints a valid read-only policy with every registry action, sorted and unique', async () => {
    const run = await runVigil(['collect', '--print-policy']);
    assert.equal(run.code, 0, run.stderr);
    const policy = JSON.parse(run.stdout);
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(policy.Statement.length, 1);
    const [statement] = policy.Statement;
    assert.equal(statement.Effect, 'Allow');
    assert.equal(statement.Resource, '*');
    const actions: string[] = statement.Action;
    assert.deepEqual(actions, [...new Set(actions)].sort());
    for (const op of REGISTRY) for (const action of op.actions) assert.ok(actions.includes(action), action);
    assert.ok(actions.includes('ec2:DescribeRegions'));
    assert.ok(actions.every((a) => /^[a-z0-9-]+:(Get|List|Describe|BatchGet|Generate|GET$)/.test(a)), 'read-only actions only');
    assert.ok(!actions.includes('sts:AssumeRole'));
  });

  it('--print-policy --services narrows the policy; --org-role adds account discovery', async () => {
    const run = await runVigil(['collect', '--print-policy', '--services', 's3', '--org-role', 'Audit']);
    const actions: string[] = JSON.parse(run.stdout).Statement[0].Action;
    assert.ok(actions.every((a) => /^(s3|ec2|organizations|sts):/.test(a)), actions.join(' '));
    assert.ok(actions.includes('s3:GetBucketPolicy') && actions.includes('sts:AssumeRole') && actions.includes('organizations:ListAccounts'));
  });

  it('bad --regions, --accounts and --services are usage errors (exit 2, one line)', async () => {
    for (const [args, message] of [
      [['--regions', 'us-east-1,mars-1'], /--regions: not a region name: "mars-1"/],
      [['--accounts', '12345'], /--accounts: not a 12-digit account id/],
      [['--services', 's3,nosuch'], /--services: unknown service "nosuch"/],
    ] as const) {
      const run = await runVigil(['collect', ...args, '--endpoint-url', 'http://127.0.0.1:9']);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    }
  });
});
