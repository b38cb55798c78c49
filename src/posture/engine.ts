import type { VigilConfig } from '../core/config.ts';
import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Finding } from '../core/finding.ts';
import type { ManifestAccount, Snapshot } from '../inventory/snapshot.ts';
import type { Check, CheckContext, CheckResult, OrgContext } from './check.ts';
import { findFramework, loadFrameworks, type Framework } from './frameworks.ts';
import { loadChecks } from './loader.ts';
import { scoreFramework, type FrameworkScore } from './score.ts';
import { applySuppressions, readSuppressionsFile } from './suppress.ts';
import { GLOBAL } from './lib/result.ts';
import { homeRegion as homeRegionOf } from '../inventory/views/account.ts';

export { loadChecks } from './loader.ts';
export { loadFrameworks } from './frameworks.ts';
export type { FrameworkScore } from './score.ts';

/**
 * The posture engine: runs every check over every account of a snapshot (pure: no AWS calls),
 * turns results into Contract 2 findings, applies attestations and suppressions, and scores
 * frameworks as Security Hub does.
 *
 * Accounts are evaluated one at a time and released afterwards, so memory stays bounded by
 * one account plus the organization's management/delegated-admin accounts (kept for
 * organization-aware checks).
 */

export interface ScanOptions {
  snapshot: Snapshot;
  config?: VigilConfig;
  /** Only these framework ids: their checks run and they are scored. Default: every check, every framework. */
  frameworks?: string[];
  customCheckDirs?: string[];
  suppressionsFile?: string;
  /** Evaluation time (default: the snapshot's collectedAt). */
  now?: Date;
}

export interface ScanResult {
  findings: Finding[];
  frameworks: FrameworkScore[];
  warnings: string[];
  checks: number;
}

export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const config = options.config ?? {};
  const allFrameworks = loadFrameworks();
  const selected: Framework[] = options.frameworks?.length ? options.frameworks.map((id) => findFramework(allFrameworks, id)) : allFrameworks;
  // Validate everything before evaluating anything.
  const suppressionRules = [...(config.suppressions ?? []), ...(options.suppressionsFile ? readSuppressionsFile(options.suppressionsFile) : [])];
  const customDirs = [...(config.posture?.checks ?? []), ...(options.customCheckDirs ?? [])];
  const checks = await loadChecks({ customDirs, frameworks: allFrameworks });
  const wanted = options.frameworks?.length ? new Set(selected.flatMap((f) => f.controls.flatMap((c) => c.checks))) : undefined;
  const toRun = wanted ? checks.filter((check) => wanted.has(check.id)) : checks;

  const snapshot = options.snapshot;
  const now = options.now ?? new Date(snapshot.manifest.collectedAt);
  const warnings: string[] = [];
  const findings = evaluateAll(snapshot, toRun, config, now, warnings);
  const suppressed = applySuppressions(findings, suppressionRules, now);
  warnings.push(...suppressed.warnings);
  return {
    findings: suppressed.findings,
    frameworks: selected.map((framework) => scoreFramework(framework, suppressed.findings)),
    warnings,
    checks: toRun.length,
  };
}

function evaluateAll(snapshot: Snapshot, checks: Check[], config: VigilConfig, now: Date, warnings: string[]): Finding[] {
  const org = organizationContext(snapshot);
  const keep = new Set(org.adminAccountIds);
  const parameters = new Map(checks.map((check) => [check.id, mergeParameters(check, config)]));
  const findings: Finding[] = [];
  const observedAt = now.toISOString();
  // Admin accounts first, so their data is loaded once and shared with member evaluations.
  const ordered = [...snapshot.accounts].sort((a, b) => Number(keep.has(b.id)) - Number(keep.has(a.id)));
  for (const account of ordered) {
    const regions = account.regions.length > 0 ? account.regions : ['us-east-1'];
    for (const check of checks) {
      const context: CheckContext = { snapshot, account, regions, parameters: parameters.get(check.id)!, now, org };
      let results: CheckResult[];
      if (check.manual) {
        results = manualResults(check, context, config, warnings);
      } else {
        try {
          results = check.evaluate(context);
        } catch (error) {
          results = [crashResult(check, account, error)];
        }
      }
      for (const result of results) findings.push(toFinding(check, result, observedAt));
    }
    // Drops the account's parsed data (and the views memoised on it) once its checks ran.
    if (!keep.has(account.id)) snapshot.release(account.id);
  }
  return findings;
}

function organizationContext(snapshot: Snapshot): OrgContext {
  const manifestOrg = snapshot.manifest.organization as { managementAccountId?: string; delegatedAdministrators?: string[] } | undefined;
  const ids = new Set(snapshot.accounts.map((a) => a.id));
  let management = manifestOrg?.managementAccountId;
  const admins = new Set<string>();
  const members = new Set<string>();
  if (!management && snapshot.accounts.length > 1) {
    // No organization in the manifest: ask the first account (its data is needed anyway).
    const described = snapshot.call<{ Organization?: { MasterAccountId?: string } }>(snapshot.accounts[0]!.id, 'organizations', 'DescribeOrganization', homeRegionOf(snapshot));
    if (described.kind === 'data') management = described.data.Organization?.MasterAccountId;
  }
  if (management && ids.has(management)) {
    admins.add(management);
    const delegated = snapshot.call<{ DelegatedAdministrators?: Array<{ Id?: string }> }>(management, 'organizations', 'ListDelegatedAdministrators', homeRegionOf(snapshot));
    if (delegated.kind === 'data') for (const admin of delegated.data.DelegatedAdministrators ?? []) if (admin.Id && ids.has(admin.Id)) admins.add(admin.Id);
    const listed = snapshot.call<{ Accounts?: Array<{ Id?: string; Status?: string }> }>(management, 'organizations', 'ListAccounts', homeRegionOf(snapshot));
    if (listed.kind === 'data') for (const member of listed.data.Accounts ?? []) if (member.Id) members.add(member.Id);
  }
  for (const id of manifestOrg?.delegatedAdministrators ?? []) if (ids.has(id)) admins.add(id);
  return { managementAccountId: management, adminAccountIds: [...admins], memberAccountIds: members };
}

function mergeParameters(check: Check, config: VigilConfig): Record<string, unknown> {
  const defaults = Object.fromEntries(Object.entries(check.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  return { ...defaults, ...(config.posture?.parameters?.[check.id] ?? {}) };
}

/** A manual control: MANUAL per account unless a person attested it in `posture.attestations`. */
function manualResults(check: Check, context: CheckContext, config: VigilConfig, warnings: string[]): CheckResult[] {
  const resource = { type: 'AWS::::Account', id: context.account.id, name: context.account.name };
  const base = { account: context.account.id, region: GLOBAL, resource };
  const attestation = (config.posture?.attestations ?? []).find((a) => a.check === check.id && (a.account === undefined || a.account === context.account.id));
  if (attestation) {
    const expired = attestation.expires !== undefined && Date.parse(attestation.expires) <= context.now.getTime();
    if (!expired) {
      return [{ ...base, status: attestation.status, reason: `attested ${attestation.status} by ${attestation.by} on ${attestation.date}${attestation.note ? `: ${attestation.note}` : ''}`, evidence: { attestation } }];
    }
    warnings.push(`attestation of ${check.id}${attestation.account ? ` for ${attestation.account}` : ''} by ${attestation.by} expired on ${attestation.expires}; reported MANUAL again`);
  }
  return [{ ...base, status: 'MANUAL', reason: `needs a person's review; record the outcome under posture.attestations (check: ${check.id})`, evidence: {} }];
}

function crashResult(check: Check, account: ManifestAccount, error: unknown): CheckResult {
  return {
    status: 'ERROR',
    account: account.id,
    region: GLOBAL,
    resource: { type: check.resourceType, id: account.id },
    reason: `the check could not evaluate this account: ${(error as Error)?.message ?? String(error)}`,
    evidence: { check: check.id },
  };
}

/**
 * Same value as core `findingId('posture', checkId, account, region, resourceId)` (sha256 over
 * the NUL-terminated parts), computed in one shot: a full scan makes a million of them.
 */
export function postureFindingId(checkId: string, account: string, region: string, resourceId: string): string {
  const text = `posture\u0000${checkId}\u0000${account}\u0000${region}\u0000${resourceId}\u0000`;
  const digest = typeof oneShotHash === 'function' ? oneShotHash('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
  return compact(`vigil-${digest.slice(0, 32)}`);
}

/**
 * Flattens a string built by concatenation, in place. A million findings are held until the
 * scan ends: a flat string of an id costs 56 bytes where the concatenation of a slice of the
 * 64-character digest costs 144, and an ARN built from six parts keeps five 32-byte links.
 * (V8 flattens on character access and drops the links at the next garbage collection.)
 */
function compact(text: string): string {
  text.charCodeAt(0);
  return text;
}

export function toFinding(check: Check, result: CheckResult, observedAt: string): Finding {
  compact(result.resource.id);
  const finding: Finding = {
    id: postureFindingId(check.id, result.account, result.region, result.resource.id),
    source: 'posture',
    type: check.id,
    status: result.status,
    severity: result.severity ?? check.severity,
    title: check.title,
    description: compact(result.reason),
    remediation: check.remediation.text,
    account: result.account,
    region: result.region,
    resource: result.resource,
    compliance: check.compliance,
    evidence: result.evidence ?? {},
    references: check.references,
    observedAt,
  };
  return finding;
}
