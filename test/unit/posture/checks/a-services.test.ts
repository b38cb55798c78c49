import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Snapshot, type AccountData } from '../../../../src/inventory/snapshot.ts';
import { loadChecks, loadFrameworks } from '../../../../src/posture/engine.ts';
import type { Check, CheckContext, CheckResult } from '../../../../src/posture/check.ts';
import { A_SERVICES, BAD, GOOD, NOW, REGIONS, archiveAccount, badAccount, goodAccount, manifestFor, ARCHIVE } from '../fixtures.ts';

/**
 * Every check of posture engineer A's services against three raw-API accounts:
 * a well-configured one (only PASS / NOT_APPLICABLE), a badly configured one (at least one
 * FAIL), and one whose data is missing or denied (only ERROR, never PASS).
 */

const checks = (await loadChecks({ frameworks: loadFrameworks() })).filter((c) => A_SERVICES.includes(c.service));

function evaluate(check: Check, accounts: Record<string, AccountData>, accountId: string): CheckResult[] {
  const snapshot = Snapshot.fromData(manifestFor(Object.keys(accounts).map((id) => ({ id }))), accounts);
  const account = snapshot.accounts.find((a) => a.id === accountId)!;
  const ctx: CheckContext = {
    snapshot,
    account,
    regions: REGIONS,
    parameters: Object.fromEntries(Object.entries(check.parameters ?? {}).map(([k, p]) => [k, p.default])),
    now: new Date(NOW),
    org: { adminAccountIds: [], memberAccountIds: new Set() },
  };
  return check.evaluate(ctx);
}

/** Replaces every recorded entry with an AccessDenied error (per-resource entries included). */
function denyEverything(account: AccountData): AccountData {
  const denied = { error: { code: 'AccessDenied', message: 'User is not authorized' } };
  return Object.fromEntries(Object.entries(account).map(([service, ops]) => [service, Object.fromEntries(Object.entries(ops).map(([op, regions]) => [op, Object.fromEntries(Object.keys(regions).map((r) => [r, denied]))]))]));
}

test('posture engineer A ships at least 90 checks', () => {
  assert.ok(checks.length >= 90, `only ${checks.length} checks`);
});

for (const check of checks.filter((c) => !c.manual)) {
  test(`${check.id}: passes on a well-configured account`, () => {
    const results = evaluate(check, { [GOOD]: goodAccount(), [ARCHIVE]: archiveAccount() }, GOOD);
    assert.ok(results.length > 0, 'no result');
    for (const r of results) assert.ok(r.status === 'PASS' || r.status === 'NOT_APPLICABLE', `${r.status}: ${r.reason}`);
  });
  test(`${check.id}: fails on a badly configured account, saying what and where`, () => {
    const results = evaluate(check, { [BAD]: badAccount(), [ARCHIVE]: archiveAccount() }, BAD);
    const failing = results.filter((r) => r.status === 'FAIL');
    assert.ok(failing.length > 0, `no FAIL among ${results.map((r) => `${r.status}: ${r.reason}`).join(' | ')}`);
    for (const r of failing) {
      assert.ok(r.reason.length > 20, r.reason);
      assert.ok(r.evidence?.api, `FAIL without evidence.api: ${r.reason}`);
    }
  });
  test(`${check.id}: reports ERROR naming the call when the data is missing or denied`, () => {
    for (const account of [{}, denyEverything(goodAccount(GOOD))]) {
      const results = evaluate(check, { [GOOD]: account }, GOOD);
      assert.ok(results.length > 0, 'no result');
      for (const r of results) {
        assert.equal(r.status, 'ERROR', `${r.status}: ${r.reason}`);
        assert.match(r.reason, /[a-z0-9-]+:[A-Z][A-Za-z]+/, `reason does not name the call: ${r.reason}`);
      }
    }
  });
}

test('manual checks carry the manual flag and produce no automatic result', () => {
  const manual = checks.filter((c) => c.manual);
  assert.deepEqual(manual.map((c) => c.id), ['account-contact-details-current', 'organizations-authorization-guardrails', 'organizations-centralized-root-access', 'organizations-delegated-admin-policies', 'organizations-delegated-admin-services', 'organizations-management-account-no-workloads', 'organizations-ou-structure']);
  for (const check of manual) assert.deepEqual(evaluate(check, { [GOOD]: goodAccount() }, GOOD), []);
});

test('every check has the metadata the contract asks for', () => {
  for (const check of checks) {
    assert.ok(check.remediation.text && check.remediation.cli, `${check.id}: remediation text and CLI`);
    assert.ok(check.remediation.console, `${check.id}: console steps`);
    assert.ok(check.remediation.terraform || check.remediation.cloudformation, `${check.id}: IaC snippet`);
    assert.ok(check.references.some((r) => r.startsWith('https://docs.aws.amazon.com/')), `${check.id}: AWS doc link`);
    assert.ok(Object.keys(check.compliance).length > 0 || ['config-aggregator-exists', 'detective-enabled', 'securityhub-standard-enabled', 'account-alternate-contacts-registered', 'cloudtrail-logs-cross-account-bucket', 'iam-user-mfa-enabled', 'sns-encrypted-kms', 'cloudtrail-enabled', 'cloudtrail-s3-bucket-public-access-prohibited', 's3-bucket-default-lock-enabled', 's3-bucket-versioning-enabled', 's3-bucket-logging-enabled', 's3-bucket-replication-enabled', 's3-bucket-server-side-encryption-enabled'].includes(check.id), `${check.id}: no framework maps it`);
  }
});
