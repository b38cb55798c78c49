import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runVigil, tempDir } from '../helpers/vigil.ts';
import { writeSnapshot, newManifest } from '../../src/inventory/snapshot.ts';
import { ARCHIVE, BAD, GOOD, NOW, REGIONS, archiveAccount, badAccount, goodAccount } from '../unit/posture/fixtures.ts';

async function snapshotDir(): Promise<string> {
  const dir = tempDir('vigil-posture-');
  const manifest = { ...newManifest([{ id: GOOD, name: 'good', regions: REGIONS }, { id: BAD, name: 'bad', regions: REGIONS }, { id: ARCHIVE, name: 'log-archive', regions: REGIONS }]), collectedAt: NOW };
  await writeSnapshot(dir, manifest, { [GOOD]: goodAccount(), [BAD]: badAccount(), [ARCHIVE]: archiveAccount() }, { gzip: true });
  return dir;
}

test('vigil scan --snapshot DIR --format json: findings with PASS results and framework scores', async () => {
  const dir = await snapshotDir();
  const run = await runVigil(['scan', '--snapshot', dir, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(Array.isArray(out.findings) && out.findings.length > 200);
  assert.deepEqual(out.frameworks.map((f: any) => f.id).sort(), ['aws-config-rules', 'aws-fsbp', 'cis-aws-5.0.0', 'cis-aws-7.0.0']);
  const rootKeys = out.findings.find((f: any) => f.type === 'iam-root-access-key-check' && f.account === BAD);
  assert.equal(rootKeys.status, 'FAIL');
  assert.equal(rootKeys.source, 'posture');
  assert.ok(out.findings.some((f: any) => f.status === 'PASS'));
  // The score is recomputable from the output (Contract 2).
  const cis = out.frameworks.find((f: any) => f.id === 'cis-aws-5.0.0');
  assert.equal(cis.score, Math.round((cis.passed / (cis.passed + cis.failed)) * 1000) / 10);
});

test('vigil scan --framework prints the score and failing controls; --fail-on sets exit 1', async () => {
  const dir = await snapshotDir();
  const run = await runVigil(['scan', '--snapshot', dir, '--framework', 'cis-aws-5.0.0', '--format', 'table', '--fail-on', 'HIGH']);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, /CIS Amazon Web Services Foundations Benchmark v5\.0\.0 \(cis-aws-5\.0\.0\): score \d+(\.\d)?%/);
  assert.match(run.stdout, /failing controls:/);
  assert.match(run.stdout, /1\.3\s+Ensure no 'root' user account access key exists/);
  assert.match(run.stdout, /by account: 111111111111 100%/);
});

test('vigil scan applies --suppressions and reports an expired rule', async () => {
  const dir = await snapshotDir();
  const file = join(dir, 'suppressions.yaml');
  writeFileSync(file, `- check: iam-root-access-key-check\n  account: "${BAD}"\n  reason: break-glass keys, tracked in SEC-12\n- check: root-account-mfa-enabled\n  reason: old\n  expires: 2020-01-01\n`);
  const run = await runVigil(['scan', '--snapshot', dir, '--framework', 'aws-fsbp', '--suppressions', file, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const rootKeys = out.findings.find((f: any) => f.type === 'iam-root-access-key-check' && f.account === BAD);
  assert.equal(rootKeys.status, 'SUPPRESSED');
  assert.equal(rootKeys.suppression.reason, 'break-glass keys, tracked in SEC-12');
  assert.match(run.stderr, /expired on 2020-01-01/);
});

test('vigil scan without --snapshot and a bad snapshot are clear errors', async () => {
  const missing = await runVigil(['scan', '--snapshot', join(tempDir(), 'nothing')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /not a snapshot folder/);
  const unknown = await runVigil(['scan', '--snapshot', await snapshotDir(), '--framework', 'cis-9']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown framework "cis-9"/);
});

test('vigil checks --format json lists every check with metadata and mappings', async () => {
  const run = await runVigil(['checks', '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const { checks } = JSON.parse(run.stdout);
  assert.ok(checks.length >= 150, `${checks.length} checks`);
  const rule = checks.find((c: any) => c.id === 'iam-password-policy');
  assert.equal(rule.severity, 'MEDIUM');
  assert.equal(rule.resourceType, 'AWS::::Account');
  assert.equal(rule.service, 'iam');
  assert.deepEqual(rule.compliance['aws-config-rules'], ['iam-password-policy']);
  assert.deepEqual(Object.keys(rule.parameters).sort(), ['MaxPasswordAge', 'MinimumPasswordLength', 'PasswordReusePrevention', 'RequireLowercaseCharacters', 'RequireNumbers', 'RequireSymbols', 'RequireUppercaseCharacters']);
  const cis = await runVigil(['checks', '--framework', 'cis-aws-5.0.0', '--format', 'json']);
  const ids = JSON.parse(cis.stdout).checks.map((c: any) => c.id);
  assert.ok(ids.includes('cloudwatch-alarm-root-usage') && !ids.includes('sns-encrypted-kms'));
});
