import type { Snapshot } from '../../inventory/snapshot.ts';
import { findingId, type Finding } from '../../core/finding.ts';
import type { Severity } from '../../core/severity.ts';
import { accountAuthorizationDetails } from '../resources/policies.ts';
import type { Activity } from './activity.ts';

/**
 * Unused access, as Access Analyzer's unused-access findings: unused roles, user passwords,
 * access keys, and granted services or actions nobody used within the window. Evidence comes
 * from the credential report, RoleLastUsed, service last-accessed data and CloudTrail; where a
 * source is missing the result says so rather than guessing.
 */

type Rec = Record<string, any>;
const DAY = 86_400_000;
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html';

export interface UnusedOptions {
  days: number;
  activity?: Activity;
  /** The "now" of the analysis: the snapshot's collection time. */
  now?: number;
}

export interface UnusedResult {
  findings: Finding[];
  notes: string[];
}

function parseTime(text: string | undefined): number | undefined {
  if (!text || text === 'N/A' || text === 'no_information' || text === 'not_supported') return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

function latest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.max(...known) : undefined;
}

function credentialReport(snapshot: Snapshot, account: string): Rec[] | undefined {
  const result = snapshot.call<Rec>(account, 'iam', 'GetCredentialReport', 'us-east-1');
  if (result.kind !== 'data' || typeof result.data.Content !== 'string') return undefined;
  const lines = Buffer.from(result.data.Content, 'base64').toString('utf8').trim().split(/\r?\n/);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
}

function finding(type: string, severity: Severity, account: string, resource: { type: string; id: string; name?: string }, title: string, description: string, evidence: Record<string, unknown>, extraId = ''): Finding {
  return {
    id: findingId('access', type, account, resource.id, extraId),
    source: 'access',
    type,
    status: 'FAIL',
    severity,
    title,
    description,
    remediation: type === 'UnusedPermission' ? 'Remove the unused permissions (vigil iam generate can write a policy from what was used).' : 'Remove or deactivate what is not used.',
    account,
    region: 'global',
    resource,
    compliance: type === 'UnusedIAMUserPassword' || type === 'UnusedIAMUserAccessKey' ? { 'cis-aws-5.0.0': ['2.11'], 'aws-fsbp': ['IAM.8'] } : {},
    evidence,
    references: [DOCS],
  };
}

export function unusedAccess(snapshot: Snapshot, options: UnusedOptions): UnusedResult {
  const now = options.now ?? Date.parse(snapshot.manifest.collectedAt);
  const cutoff = now - options.days * DAY;
  const activity = options.activity;
  const findings: Finding[] = [];
  const notes: string[] = [];
  const age = (t: number | undefined) => (t === undefined ? 'never' : `${Math.floor((now - t) / DAY)} days ago`);

  for (const { id: account } of snapshot.accounts) {
    const report = credentialReport(snapshot, account);
    if (!report) notes.push(`${account}: no credential report in the snapshot; unused passwords and access keys were not assessed`);
    for (const row of report ?? []) {
      if (row.user === '<root_account>') continue;
      const userArn = row.arn as string;
      const created = parseTime(row.user_creation_time);
      const resource = { type: 'AWS::IAM::User', id: userArn, name: row.user };
      if (row.password_enabled === 'true') {
        const lastUsed = latest(parseTime(row.password_last_used));
        if ((lastUsed ?? created ?? 0) < cutoff) {
          findings.push(finding('UnusedIAMUserPassword', 'MEDIUM', account, resource, `Console password of ${row.user} unused for ${options.days}+ days`, `The password was last used ${age(lastUsed)}.`, { api: 'iam.GetCredentialReport', field: 'password_last_used', lastUsed: lastUsed ? new Date(lastUsed).toISOString() : null }));
        }
      }
      for (const n of [1, 2]) {
        if (row[`access_key_${n}_active`] !== 'true') continue;
        const rotated = parseTime(row[`access_key_${n}_last_rotated`]);
        const lastUsed = latest(parseTime(row[`access_key_${n}_last_used_date`]));
        if ((lastUsed ?? rotated ?? created ?? 0) < cutoff) {
          findings.push(finding('UnusedIAMUserAccessKey', 'MEDIUM', account, resource, `Access key ${n} of ${row.user} unused for ${options.days}+ days`, `Access key ${n} was last used ${age(lastUsed)}.`, { api: 'iam.GetCredentialReport', field: `access_key_${n}_last_used_date`, lastUsed: lastUsed ? new Date(lastUsed).toISOString() : null }, String(n)));
        }
      }
    }

    const details = accountAuthorizationDetails(snapshot, account);
    if (!details) {
      notes.push(`${account}: no GetAccountAuthorizationDetails; unused roles and permissions were not assessed`);
      continue;
    }
    for (const role of (details.RoleDetailList ?? []) as Rec[]) {
      if (String(role.Path ?? '').startsWith('/aws-service-role/') || String(role.Arn).includes(':role/aws-service-role/')) continue;
      const created = parseTime(role.CreateDate);
      const lastUsed = latest(parseTime(role.RoleLastUsed?.LastUsedDate), activity?.principals.get(role.Arn));
      if ((lastUsed ?? created ?? 0) < cutoff) {
        findings.push(finding('UnusedIAMRole', 'MEDIUM', account, { type: 'AWS::IAM::Role', id: role.Arn, name: role.RoleName }, `Role ${role.RoleName} unused for ${options.days}+ days`, `The role was last used ${age(lastUsed)}.`, { api: 'iam.GetAccountAuthorizationDetails', field: 'RoleDetailList.RoleLastUsed', lastUsed: lastUsed ? new Date(lastUsed).toISOString() : null }));
      }
    }

    const principals = [...((details.UserDetailList ?? []) as Rec[]).map((u) => ({ arn: u.Arn as string, name: u.UserName as string, type: 'AWS::IAM::User' })), ...((details.RoleDetailList ?? []) as Rec[]).filter((r) => !String(r.Arn).includes(':role/aws-service-role/')).map((r) => ({ arn: r.Arn as string, name: r.RoleName as string, type: 'AWS::IAM::Role' }))];
    let withoutData = 0;
    for (const p of principals) {
      const slad = snapshot.resourceCall<Rec>(account, 'iam', 'GetServiceLastAccessedDetails', 'us-east-1', p.arn);
      if (slad.kind !== 'data' || slad.data.JobStatus === 'FAILED') {
        withoutData++;
        continue;
      }
      const services = (slad.data.ServicesLastAccessed ?? []) as Rec[];
      const used = activity?.services.get(p.arn);
      const unusedServices: string[] = [];
      const unusedActions: string[] = [];
      for (const s of services) {
        const last = latest(parseTime(s.LastAuthenticated), used?.get(s.ServiceNamespace));
        if ((last ?? 0) < cutoff) {
          unusedServices.push(s.ServiceNamespace);
          continue;
        }
        for (const a of (s.TrackedActionsLastAccessed ?? []) as Rec[]) {
          const action = `${s.ServiceNamespace}:${a.ActionName}`;
          const lastAction = latest(parseTime(a.LastAccessedTime), activity?.actions.get(p.arn)?.get(action));
          if ((lastAction ?? 0) < cutoff) unusedActions.push(action);
        }
      }
      if (unusedServices.length || unusedActions.length) {
        findings.push(finding('UnusedPermission', 'LOW', account, { type: p.type, id: p.arn, name: p.name }, `${p.name} has ${unusedServices.length} unused services and ${unusedActions.length} unused actions`, `Granted but not used in ${options.days} days — services: ${unusedServices.join(', ') || 'none'}; actions: ${unusedActions.join(', ') || 'none'}.`, { api: 'iam.GetServiceLastAccessedDetails', unusedServices, unusedActions }));
      }
    }
    if (withoutData > 0) notes.push(`${account}: ${withoutData} of ${principals.length} principals have no service last-accessed data in the snapshot; their unused permissions were not assessed`);
  }
  if (!activity) notes.push('no CloudTrail given (--trail): last use comes from IAM data only');
  return { findings, notes };
}
