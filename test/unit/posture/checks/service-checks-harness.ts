/**
 * Test harness for the service checks (ec2, rds, lambda, …): builds snapshots from raw API
 * fixtures with Snapshot.fromData and calls a check's evaluate() directly, so the tests do not
 * depend on the engine. Imported by the <service>.test.ts files next to it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AccountData, Entry } from '../../../../src/inventory/snapshot.ts';
import { Snapshot } from '../../../../src/inventory/snapshot.ts';
import type { CheckDefinition, CheckResult, CheckStatus } from '../../../../src/posture/check.ts';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const NOW = '2026-11-20T12:00:00.000Z';
export const DENIED = { error: { code: 'AccessDenied', message: 'not authorized' } };

/** `{service: {Operation: {region: {data}}}}` for one call. */
export function call(service: string, operation: string, data: unknown, region = REGION): AccountData {
  return { [service]: { [operation]: { [region]: { data } as Entry } } };
}
/** A failed call (AccessDenied unless given). */
export function failed(service: string, operation: string, error = DENIED, region = REGION): AccountData {
  return { [service]: { [operation]: { [region]: error as Entry } } };
}
/** A per-resource call: key → response (or an `{error}` entry). */
export function perKey(service: string, operation: string, byKey: Record<string, unknown>, region = REGION): AccountData {
  const resources: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(byKey)) resources[key] = value && typeof value === 'object' && 'error' in (value as object) ? value : { data: value };
  return { [service]: { [operation]: { [region]: { resources } as Entry } } };
}
export function merge(...parts: AccountData[]): AccountData {
  const out: AccountData = {};
  for (const part of parts) for (const [service, ops] of Object.entries(part)) {
    out[service] ??= {};
    for (const [op, regions] of Object.entries(ops)) out[service]![op] = { ...(out[service]![op] ?? {}), ...regions };
  }
  return out;
}

export function snapshotOf(data: AccountData | Record<string, never>, regions = [REGION]): Snapshot {
  return Snapshot.fromData({ collectedAt: NOW, accounts: [{ id: ACCOUNT, regions }] }, { [ACCOUNT]: data as AccountData });
}

/** Runs a check on account data with the check's documented defaults merged with `parameters`. */
export function run(check: CheckDefinition, data: AccountData, parameters: Record<string, unknown> = {}, regions = [REGION]): CheckResult[] {
  const snapshot = snapshotOf(data, regions);
  const defaults = Object.fromEntries(Object.entries(check.parameters ?? {}).map(([name, p]) => [name, p.default]));
  return check.evaluate({ snapshot, account: snapshot.accounts[0]!, regions, parameters: { ...defaults, ...parameters }, now: new Date(NOW) });
}

/** Account data in which every call, in every region, failed with AccessDenied. */
export function everythingDenied(): AccountData {
  const region = new Proxy({}, { get: () => DENIED, has: () => true });
  const operations = new Proxy({}, { get: () => region, has: () => true });
  return new Proxy({}, { get: () => operations, has: () => true }) as AccountData;
}

export interface Case {
  name: string;
  data: AccountData;
  parameters?: Record<string, unknown>;
  /** Statuses of the results, in order. */
  expect: CheckStatus[];
  /** Text every non-PASS reason must contain (what was seen and where). */
  reason?: RegExp;
}

/** Asserts one table case. */
export function assertCase(check: CheckDefinition, c: Case): void {
  const results = run(check, c.data, c.parameters);
  assert.deepEqual(results.map((r) => r.status), c.expect, results.map((r) => `${r.status}: ${r.reason}`).join('\n'));
  for (const result of results) {
    assert.equal(result.account, ACCOUNT);
    assert.ok(result.resource.id, 'every result names its resource');
    assert.ok(result.reason.length > 0);
    if (c.reason && result.status !== 'PASS') assert.match(result.reason, c.reason);
    if (result.status === 'ERROR') assert.match(result.reason, /[a-z0-9-]+:[A-Z]\w+/, 'ERROR names the call (service:Operation)');
  }
}

const CHECKS_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../src/posture/checks');

/** Loads every check of one service folder: id → definition. */
export async function loadService(service: string): Promise<Record<string, CheckDefinition>> {
  const out: Record<string, CheckDefinition> = {};
  for (const file of readdirSync(join(CHECKS_ROOT, service)).filter((name) => name.endsWith('.ts')).sort()) {
    const module = (await import(pathToFileURL(join(CHECKS_ROOT, service, file)).href)) as { default: CheckDefinition };
    out[basename(file, '.ts')] = module.default;
  }
  return out;
}

/** The data-missing cases every check must meet: nothing collected, or every call denied → only ERROR. */
export function assertNeverPassesWithoutData(id: string, check: CheckDefinition): void {
  for (const [label, data] of [['nothing collected', {}], ['every call denied', everythingDenied()]] as const) {
    const results = run(check, data as AccountData);
    assert.ok(results.length > 0, `${id} (${label}) must report ERROR, not nothing`);
    for (const result of results) {
      assert.equal(result.status, 'ERROR', `${id} (${label}): ${result.status} ${result.reason}`);
      assert.match(result.reason, /[a-z0-9-]+:[A-Z]\w+/, `${id} (${label}) names the call: ${result.reason}`);
    }
  }
}

/** Metadata every check carries (title, severity, remediation with CLI and IaC, references). */
export function assertMetadata(id: string, check: CheckDefinition): void {
  assert.ok(check.title && check.description && check.risk, `${id} text`);
  assert.ok(check.remediation.text && check.remediation.console && check.remediation.cli, `${id} remediation`);
  assert.ok(check.remediation.cloudformation || check.remediation.terraform, `${id} CloudFormation or Terraform snippet`);
  assert.ok(check.references.length > 0 && check.references[0]!.startsWith('https://docs.aws.amazon.com/'), `${id} AWS doc link first`);
  assert.match(check.resourceType, /^AWS::/, `${id} CloudFormation resource type`);
}
