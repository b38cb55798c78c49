import type { PrincipalSpec } from '../policy/model.ts';

/**
 * Who makes a request, as IAM sees it: the kind of principal decides how resource policies
 * name it (user ARN, role ARN for its sessions, account root, service name).
 */
export type CallerKind = 'user' | 'role' | 'assumed-role' | 'federated-user' | 'root' | 'service' | 'anonymous' | 'unknown';

export interface Caller {
  arn: string;
  kind: CallerKind;
  account?: string;
  partition: string;
  /** For roles and their sessions: the role's name. */
  roleName?: string;
  /** Service-linked roles are exempt from SCPs and RCPs. */
  serviceLinked: boolean;
}

export function parseCaller(arn: string): Caller {
  const text = arn.trim();
  if (text === '' || text === '*' || text.toLowerCase() === 'anonymous') return { arn: 'anonymous', kind: 'anonymous', partition: 'aws', serviceLinked: false };
  if (!text.startsWith('arn:')) {
    return { arn: text, kind: /\.amazonaws\.com(\.cn)?$/.test(text) || text.endsWith('.aws.internal') ? 'service' : 'unknown', partition: 'aws', serviceLinked: false };
  }
  const parts = text.split(':');
  const partition = parts[1] ?? 'aws';
  const service = parts[2];
  const account = parts[4];
  const resource = parts.slice(5).join(':');
  const base = { arn: text, partition, account, serviceLinked: false };
  if (service === 'iam') {
    if (resource === 'root') return { ...base, kind: 'root' };
    if (resource.startsWith('user/')) return { ...base, kind: 'user' };
    if (resource.startsWith('role/')) {
      const segments = resource.split('/');
      const roleName = segments[segments.length - 1];
      return { ...base, kind: 'role', roleName, serviceLinked: resource.startsWith('role/aws-service-role/') };
    }
  }
  if (service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const roleName = resource.split('/')[1];
      return { ...base, kind: 'assumed-role', roleName, serviceLinked: roleName?.startsWith('AWSServiceRoleFor') ?? false };
    }
    if (resource.startsWith('federated-user/')) return { ...base, kind: 'federated-user' };
  }
  return { ...base, kind: 'unknown' };
}

/**
 * How a Principal element matched: `direct` names the caller itself (or everyone), `role`
 * names the role of an assumed-role session, `account` names the caller's account (delegation
 * to the account's IAM policies).
 */
export type PrincipalMatch = 'none' | 'account' | 'role' | 'direct';

const RANK: Record<PrincipalMatch, number> = { none: 0, account: 1, role: 2, direct: 3 };

function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const match = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  return match?.[1];
}

function roleNameOf(value: string): { account: string; name: string } | undefined {
  const match = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(value);
  return match ? { account: match[1]!, name: match[2]! } : undefined;
}

function awsValueMatch(value: string, caller: Caller): PrincipalMatch {
  if (caller.kind === 'anonymous' || caller.kind === 'service') return 'none';
  if (value === caller.arn) return caller.kind === 'role' ? 'role' : 'direct';
  const account = accountOf(value);
  if (account) return account === caller.account ? 'account' : 'none';
  if (caller.kind === 'assumed-role') {
    const role = roleNameOf(value);
    if (role && role.account === caller.account && role.name === caller.roleName) return 'role';
  }
  return 'none';
}

export function principalMatch(spec: PrincipalSpec, caller: Caller): PrincipalMatch {
  if (spec.wildcard) return 'direct';
  let best: PrincipalMatch = 'none';
  const consider = (m: PrincipalMatch) => {
    if (RANK[m] > RANK[best]) best = m;
  };
  for (const value of spec.aws) consider(awsValueMatch(value.value, caller));
  if (caller.kind === 'service') for (const value of spec.service) if (value.value.toLowerCase() === caller.arn.toLowerCase()) consider('direct');
  for (const value of spec.federated) if (value.value === caller.arn) consider('direct');
  for (const value of spec.canonicalUser) if (value.value === caller.arn) consider('direct');
  return best;
}

/**
 * NotPrincipal: the statement applies unless every identity the request carries is listed —
 * which is why AWS tells you to list the account with the user or session you exempt.
 */
export function notPrincipalApplies(spec: PrincipalSpec, caller: Caller): boolean {
  if (spec.wildcard) return false;
  if (caller.kind === 'anonymous') return true;
  const listed = (identity: string) =>
    spec.aws.some((v) => v.value === identity || (accountOf(v.value) !== undefined && accountOf(v.value) === accountOf(identity))) ||
    spec.service.some((v) => v.value.toLowerCase() === identity.toLowerCase()) ||
    spec.federated.some((v) => v.value === identity) ||
    spec.canonicalUser.some((v) => v.value === identity);
  const identities: string[] = [];
  if (caller.kind === 'service' || caller.kind === 'unknown') identities.push(caller.arn);
  else {
    if (caller.account) identities.push(`arn:${caller.partition}:iam::${caller.account}:root`);
    if (caller.kind !== 'root') identities.push(caller.arn);
  }
  return !identities.every(listed);
}
