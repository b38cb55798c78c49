import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../helpers/vigil.ts';

test('vigil --help lists the commands and exits 0', async () => {
  const run = await runVigil(['--help']);
  assert.equal(run.code, 0);
  for (const command of ['demo', 'collect', 'scan', 'detect', 'trail', 'iam', 'findings']) assert.match(run.stdout, new RegExp(`\\b${command}\\b`));
});

test('an unknown option is a usage error: exit 2', async () => {
  const run = await runVigil(['scan', '--no-such-option']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown option/);
});

test('a bad config file is exit 2 naming the file, line and key, without a stack trace', async () => {
  const dir = tempDir();
  const config = join(dir, 'vigil.yaml');
  writeFileSync(config, 'aws:\n  regions: [us-east-1]\n  orgRoel: x\n');
  const run = await runVigil(['checks', '--config', config]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr.trim(), `vigil: ${config}:3:3: aws.orgRoel: unknown key`);
});
