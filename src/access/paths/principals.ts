import type { Snapshot } from '../../inventory/snapshot.ts';
import { decodePolicyDocument, parsePolicy, type Policy } from '../policy/model.ts';
import { accountAuthorizationDetails } from '../resources/policies.ts';

/**
 * IAM principals of an account with their effective identity policies, from
 * GetAccountAuthorizationDetails: inline, attached managed and (for users) group policies,
 * and the permissions boundary.
 */

type Rec = Record<string, any>;

export interface Principal {
  arn: string;
  name: string;
  kind: 'user' | 'role';
  account: string;
  policies: Policy[];
  boundary?: Policy[];
  /** Attached managed policy ARNs, including through groups. */
  managedPolicies: string[];
  groups: string[];
  trust?: Policy;
  hasLoginProfile?: boolean;
}

export interface Group {
  arn: string;
  name: string;
  policies: Policy[];
  managedPolicies: string[];
  members: string[];
}

export interface ManagedPolicyInfo {
  arn: string;
  /** Non-default versions exist (SetDefaultPolicyVersion can switch to them). */
  otherVersions: number;
}

export interface AccountIam {
  account: string;
  principals: Principal[];
  groups: Group[];
  managedPolicies: Map<string, ManagedPolicyInfo>;
  /** Lambda functions and the role each runs as. */
  functions: Array<{ arn: string; role: string }>;
  /** Attached managed policies whose document the snapshot does not hold. */
  unknownPolicies: Set<string>;
}

/** AWS managed policies whose meaning is known without their document. */
const KNOWN_AWS_POLICIES: Record<string, string> = {
  AdministratorAccess: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  IAMFullAccess: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListAccounts","organizations:ListAWSServiceAccessForOrganization","organizations:ListDelegatedAdministrators","organizations:ListPolicies","organizations:ListPoliciesForTarget","organizations:ListTargetsForPolicy"],"Resource":"*"}]}',
  PowerUserAccess: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}',
};

function safeParse(document: string | undefined, id: string): Policy | undefined {
  if (!document) return undefined;
  try {
    return parsePolicy(decodePolicyDocument(document), id);
  } catch {
    return undefined;
  }
}

export function readAccountIam(snapshot: Snapshot, account: string): AccountIam | undefined {
  const details = accountAuthorizationDetails(snapshot, account);
  if (!details) return undefined;
  const managed = new Map<string, Policy>();
  const managedInfo = new Map<string, ManagedPolicyInfo>();
  for (const p of (details.Policies ?? []) as Rec[]) {
    const versions = (p.PolicyVersionList ?? []) as Rec[];
    const version = versions.find((v) => v.IsDefaultVersion) ?? versions[0];
    const parsed = safeParse(version?.Document, p.Arn);
    if (parsed) managed.set(p.Arn, parsed);
    managedInfo.set(p.Arn, { arn: p.Arn, otherVersions: Math.max(0, versions.length - 1) });
  }
  const unknownPolicies = new Set<string>();
  const resolve = (arn: string): Policy | undefined => {
    const found = managed.get(arn);
    if (found) return found;
    const awsName = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    if (awsName && KNOWN_AWS_POLICIES[awsName]) return parsePolicy(KNOWN_AWS_POLICIES[awsName]!, arn);
    unknownPolicies.add(arn);
    return undefined;
  };
  const attached = (list: Rec[] | undefined) => (list ?? []).map((a) => a.PolicyArn as string);
  const inline = (list: Rec[] | undefined, owner: string) => (list ?? []).map((p) => safeParse(p.PolicyDocument, `${owner}/${p.PolicyName}`)).filter((p): p is Policy => Boolean(p));

  const groups: Group[] = ((details.GroupDetailList ?? []) as Rec[]).map((g) => ({
    arn: g.Arn,
    name: g.GroupName,
    policies: [...inline(g.GroupPolicyList, g.GroupName), ...attached(g.AttachedManagedPolicies).map(resolve).filter((p): p is Policy => Boolean(p))],
    managedPolicies: attached(g.AttachedManagedPolicies),
    members: [],
  }));
  const groupByName = new Map(groups.map((g) => [g.name, g]));
  const loginProfiles = credentialReportPasswords(snapshot, account);

  const principals: Principal[] = [];
  for (const u of (details.UserDetailList ?? []) as Rec[]) {
    const memberOf = ((u.GroupList ?? []) as string[]).map((n) => groupByName.get(n)).filter((g): g is Group => Boolean(g));
    for (const g of memberOf) g.members.push(u.Arn);
    const own = attached(u.AttachedManagedPolicies);
    const boundary = u.PermissionsBoundary?.PermissionsBoundaryArn ? resolve(u.PermissionsBoundary.PermissionsBoundaryArn) : undefined;
    principals.push({
      arn: u.Arn,
      name: u.UserName,
      kind: 'user',
      account,
      policies: [...inline(u.UserPolicyList, u.UserName), ...own.map(resolve).filter((p): p is Policy => Boolean(p)), ...memberOf.flatMap((g) => g.policies)],
      boundary: boundary ? [boundary] : undefined,
      managedPolicies: [...own, ...memberOf.flatMap((g) => g.managedPolicies)],
      groups: memberOf.map((g) => g.arn),
      hasLoginProfile: loginProfiles.get(u.UserName),
    });
  }
  for (const r of (details.RoleDetailList ?? []) as Rec[]) {
    const own = attached(r.AttachedManagedPolicies);
    const boundary = r.PermissionsBoundary?.PermissionsBoundaryArn ? resolve(r.PermissionsBoundary.PermissionsBoundaryArn) : undefined;
    principals.push({
      arn: r.Arn,
      name: r.RoleName,
      kind: 'role',
      account,
      policies: [...inline(r.RolePolicyList, r.RoleName), ...own.map(resolve).filter((p): p is Policy => Boolean(p))],
      boundary: boundary ? [boundary] : undefined,
      managedPolicies: own,
      groups: [],
      trust: safeParse(r.AssumeRolePolicyDocument, `${r.RoleName} trust policy`),
    });
  }
  const functions: AccountIam['functions'] = [];
  for (const region of snapshot.regionsOf(account, 'lambda', 'ListFunctions')) {
    const list = snapshot.call<Rec>(account, 'lambda', 'ListFunctions', region);
    if (list.kind === 'data') for (const f of (list.data.Functions ?? []) as Rec[]) if (f.FunctionArn && f.Role) functions.push({ arn: f.FunctionArn, role: f.Role });
  }
  return { account, principals, groups, managedPolicies: managedInfo, functions, unknownPolicies };
}

/** password_enabled per user from the credential report (CSV, base64 in the snapshot). */
function credentialReportPasswords(snapshot: Snapshot, account: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const report = snapshot.call<Rec>(account, 'iam', 'GetCredentialReport', 'us-east-1');
  if (report.kind !== 'data' || typeof report.data.Content !== 'string') return out;
  const text = Buffer.from(report.data.Content, 'base64').toString('utf8');
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const cols = (header ?? '').split(',');
  const userCol = cols.indexOf('user');
  const pwCol = cols.indexOf('password_enabled');
  for (const row of rows) {
    const cells = row.split(',');
    if (userCol >= 0 && pwCol >= 0) out.set(cells[userCol]!, cells[pwCol] === 'true');
  }
  return out;
}
