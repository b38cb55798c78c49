import type { Snapshot } from '../../inventory/snapshot.ts';
import type { VigilConfig } from '../../core/config.ts';
import { findingId, type Finding } from '../../core/finding.ts';
import { JsonSyntaxError } from '../policy/json.ts';
import { parsePolicy, type Policy } from '../policy/model.ts';
import { collectPolicies } from '../resources/policies.ts';
import { accountPublicAccessBlock, bucketNames, bucketPublicAccessBlock, effectiveBlock, externalAclGrants, organization, snapshotShares, type AclGrant } from '../resources/sharing.ts';
import { analyzeResourcePolicyWithSolver, describeUndecided, type ExternalAccess, type ResourceUnderTest, type UndecidedAccess } from './analyze.ts';
import type { SolverLimits } from './solver.ts';
import type { ZoneOfTrust } from './zone.ts';

/**
 * `vigil iam access`: external and public access to every resource in a snapshot, reported
 * as Access Analyzer reports it (resource, principal, actions, conditions, isPublic), each
 * finding carrying a witness request the evaluator allows.
 */

const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html';

export function zoneFor(snapshot: Snapshot, config: VigilConfig): ZoneOfTrust {
  const org = organization(snapshot);
  return {
    kind: config.access?.zoneOfTrust ?? 'account',
    organizationId: org.id,
    organizationAccounts: org.accounts,
    trustedAccounts: new Set(config.access?.trustedAccounts ?? []),
  };
}

/** S3 ACL permissions as the actions they allow (S3 User Guide, "ACL permissions and access policy permissions"). */
const ACL_ACTIONS: Record<string, string[]> = {
  READ: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'],
  WRITE: ['s3:PutObject', 's3:DeleteObject'],
  READ_ACP: ['s3:GetBucketAcl'],
  WRITE_ACP: ['s3:PutBucketAcl'],
};
ACL_ACTIONS.FULL_CONTROL = Object.values(ACL_ACTIONS).flat();

/** An ACL or sharing setting written as the resource policy it amounts to, so the same analysis (and witnesses) apply. */
function equivalentPolicy(statements: Array<{ principal: unknown; actions: string[]; resources: string[] }>): Policy {
  return parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements.map((s) => ({ Effect: 'Allow', Principal: s.principal, Action: s.actions, Resource: s.resources })) }), 'equivalent');
}

function aclPolicy(bucketArn: string, grants: AclGrant[], ignorePublic: boolean): Policy | undefined {
  const statements = grants
    .filter((g) => !(ignorePublic && (g.kind === 'AllUsers' || g.kind === 'AuthenticatedUsers')))
    .map((g) => ({ principal: g.kind === 'CanonicalUser' || g.kind === 'Email' ? { CanonicalUser: g.grantee } : g.kind === 'AllUsers' ? '*' : { AWS: '*' }, actions: ACL_ACTIONS[g.permission] ?? [], resources: [bucketArn] }))
    .filter((s) => s.actions.length > 0);
  return statements.length ? equivalentPolicy(statements) : undefined;
}

export interface AccessFinding extends Finding {
  principal: Record<string, string>;
  actions: string[];
  conditions: Record<string, string[]>;
  isPublic: boolean;
  resourceType: string;
  resourceOwnerAccount: string;
  /** S3 buckets only, as Access Analyzer fills `sources`: how the access is granted (POLICY, BUCKET_ACL). */
  sources?: Array<{ type: string }>;
}

/** One grant behind an access finding: the setting that makes it (API and field), its statements, what it allows. */
export interface GrantSource {
  api: string;
  statements: string[];
  actions: string[];
  conditions: Record<string, string[]>;
  witness: ExternalAccess['witness'];
}

/** Access Analyzer's FindingSource types for the settings that grant access to an S3 bucket. */
const S3_SOURCE_TYPE: Record<string, string> = { 's3.GetBucketPolicy': 'POLICY', 's3.GetBucketAcl': 'BUCKET_ACL' };

/**
 * The id of an access finding: one per resource, external principal and public-or-not, as
 * Access Analyzer reports it. The grant (bucket policy, ACL, sharing setting) is not part of
 * it: grants of the same access are one finding, listed in its sources.
 */
function accessFindingId(access: ExternalAccess): string {
  return findingId('access', 'external-access', access.resource.account, access.resource.arn, JSON.stringify(access.principal), String(access.isPublic));
}

function grantSource(access: ExternalAccess, api: string): GrantSource {
  return { api, statements: [...access.statements], actions: [...access.actions], conditions: access.conditions, witness: access.witness };
}

export function accessFinding(access: ExternalAccess, region: string, sources: GrantSource[], name?: string): AccessFinding {
  const who = Object.entries(access.principal).map(([k, v]) => `${k}:${v}`).join(', ');
  const conditionText = Object.keys(access.conditions).length ? ` when ${Object.entries(access.conditions).map(([k, v]) => `${k} in [${v.join(', ')}]`).join(' and ')}` : '';
  const grantedBy = sources.map((s) => `${s.statements.join(', ')} of ${s.api}`).join('; ');
  const s3Sources = access.resource.type === 'AWS::S3::Bucket' ? [...new Set(sources.map((s) => S3_SOURCE_TYPE[s.api.split(' ')[0]!]).filter((t): t is string => t !== undefined))] : [];
  return {
    id: accessFindingId(access),
    source: 'access',
    type: access.isPublic ? 'public-access' : 'external-access',
    status: 'FAIL',
    severity: access.isPublic ? 'CRITICAL' : 'MEDIUM',
    title: access.isPublic ? `${name ?? access.resource.arn} is public` : `${name ?? access.resource.arn} is accessible to ${who}`,
    description: `${access.isPublic ? 'Anyone' : who} can ${access.actions.slice(0, 8).join(', ')}${access.actions.length > 8 ? ` and ${access.actions.length - 8} more actions` : ''} on ${access.resource.arn}${conditionText} (granted by ${grantedBy}).`,
    remediation: access.isPublic ? 'Remove the public grant, or restrict it with conditions that pin the principal (aws:PrincipalOrgID, aws:PrincipalAccount).' : 'If this account is not meant to have access, remove it from the policy.',
    account: access.resource.account,
    region,
    resource: { type: access.resource.type, id: access.resource.arn, ...(name ? { name } : {}) },
    compliance: {},
    evidence: {
      api: sources.map((s) => s.api).join(', '),
      principal: access.principal,
      actions: access.actions,
      conditions: access.conditions,
      isPublic: access.isPublic,
      statements: access.statements,
      witness: access.witness,
      sources,
    },
    references: [DOCS, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html', 'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSource.html'],
    principal: access.principal,
    actions: access.actions,
    conditions: access.conditions,
    isPublic: access.isPublic,
    resourceType: access.resource.type,
    resourceOwnerAccount: access.resource.account,
    ...(s3Sources.length ? { sources: s3Sources.map((type) => ({ type })) } : {}),
  };
}

function unknownFinding(resource: ResourceUnderTest, region: string, reason: string, api: string): Finding {
  return {
    id: findingId('access', 'external-access-unknown', resource.account, resource.arn),
    source: 'access',
    type: 'external-access',
    status: 'ERROR',
    severity: 'MEDIUM',
    title: `External access to ${resource.arn} could not be decided`,
    description: reason,
    account: resource.account,
    region,
    resource: { type: resource.type, id: resource.arn },
    compliance: {},
    evidence: { api },
    references: [DOCS],
  };
}

/** Questions the solver left open, as one ERROR finding per resource: access there is unknown, not absent. */
function undecidedFinding(resource: ResourceUnderTest, region: string, undecided: UndecidedAccess[], api: string): Finding {
  const reason = `The solver could not decide ${undecided.slice(0, 3).map(describeUndecided).join('; ')}${undecided.length > 3 ? ` and ${undecided.length - 3} more questions` : ''}: access by ${undecided.length > 1 ? 'these principals' : 'this principal'} is unknown.`;
  return { ...unknownFinding(resource, region, reason, api), id: findingId('access', 'external-access-undecided', resource.account, resource.arn) };
}

const joinApis = (a: string, b: string) => (a.split(', ').includes(b) ? a : `${a}, ${b}`);

/**
 * The findings of one run, never two with one id. A resource can be reached through several
 * grants (an S3 bucket's policy and its ACL): Access Analyzer reports one finding per resource
 * and external principal, with the actions of every grant and each grant in `sources`, so a
 * grant of an access already reported is folded into that finding, as the analysis already
 * folds statements of one policy. An input that could not be read or a question left open is
 * likewise one ERROR finding per resource, giving every reason.
 */
class AccessResults {
  private readonly entries = new Map<string, { access: ExternalAccess; region: string; name?: string; sources: GrantSource[] } | { finding: Finding; undecided?: UndecidedAccess[] }>();

  grant(access: ExternalAccess, region: string, api: string, name?: string): void {
    const id = accessFindingId(access);
    const existing = this.entries.get(id);
    if (!existing) {
      this.entries.set(id, { access: { ...access, actions: [...access.actions], conditions: { ...access.conditions }, statements: [...access.statements] }, region, name, sources: [grantSource(access, api)] });
      return;
    }
    if (!('access' in existing)) throw new Error(`finding id ${id} is both an access and an error`);
    const merged = existing.access;
    merged.actions = [...new Set([...merged.actions, ...access.actions])].sort();
    for (const [key, values] of Object.entries(access.conditions)) merged.conditions[key] = [...new Set([...(merged.conditions[key] ?? []), ...values])];
    merged.statements = [...new Set([...merged.statements, ...access.statements])];
    existing.sources.push(grantSource(access, api));
  }

  unknown(resource: ResourceUnderTest, region: string, reason: string, api: string): void {
    const finding = unknownFinding(resource, region, reason, api);
    const existing = this.entries.get(finding.id);
    if (existing && 'finding' in existing) {
      existing.finding.description = `${existing.finding.description} ${reason}`;
      existing.finding.evidence.api = joinApis(String(existing.finding.evidence.api), api);
    } else this.entries.set(finding.id, { finding });
  }

  undecided(resource: ResourceUnderTest, region: string, undecided: UndecidedAccess[], api: string): void {
    if (!undecided.length) return;
    const first = undecidedFinding(resource, region, undecided, api);
    const existing = this.entries.get(first.id);
    if (existing && 'finding' in existing && existing.undecided) {
      const all = [...existing.undecided, ...undecided];
      const finding = undecidedFinding(resource, existing.finding.region, all, joinApis(String(existing.finding.evidence.api), api));
      this.entries.set(first.id, { finding, undecided: all });
    } else this.entries.set(first.id, { finding: first, undecided });
  }

  findings(): Finding[] {
    return [...this.entries.values()].map((e) => ('finding' in e ? e.finding : accessFinding(e.access, e.region, e.sources, e.name)));
  }
}

export async function analyzeAccess(snapshot: Snapshot, config: VigilConfig, options: { solver?: SolverLimits } = {}): Promise<Finding[]> {
  const zone = zoneFor(snapshot, config);
  const results = new AccessResults();
  const analyze = async (policy: Policy, resource: ResourceUnderTest, region: string, api: string, actionsOverride?: string[]): Promise<ExternalAccess[]> => {
    const { accesses, undecided } = await analyzeResourcePolicyWithSolver(policy, resource, zone, options, actionsOverride);
    results.undecided(resource, region, undecided, api);
    return accesses;
  };
  const bucketUndecided = new Map<string, UndecidedAccess[]>();
  const partition = snapshot.partition;
  const bucketAccess = new Map<string, ExternalAccess[]>();

  for (const ref of collectPolicies(snapshot)) {
    if (ref.kind !== 'resource' && ref.kind !== 'trust') continue;
    const resource: ResourceUnderTest = { arn: ref.resourceId, account: ref.account, type: ref.resourceType };
    let policy: Policy;
    try {
      policy = parsePolicy(ref.document, ref.name);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      results.unknown(resource, ref.region, `The policy is not valid JSON (line ${error.position.line}): ${error.message}`, ref.api);
      continue;
    }
    if (ref.resourceType === 'AWS::S3::Bucket') {
      // Reported with the bucket's other settings below, which can make public access moot.
      const { accesses, undecided } = await analyzeResourcePolicyWithSolver(policy, resource, zone, options);
      bucketAccess.set(ref.name, accesses);
      bucketUndecided.set(ref.name, undecided);
      continue;
    }
    const accesses = await analyze(policy, resource, ref.region, ref.api);
    for (const access of accesses) results.grant(access, ref.region, ref.api, ref.name);
  }

  for (const { id: account } of snapshot.accounts) {
    const accountBlock = accountPublicAccessBlock(snapshot, account);
    for (const bucket of bucketNames(snapshot, account)) {
      const arn = `arn:${partition}:s3:::${bucket}`;
      const resource: ResourceUnderTest = { arn, account, type: 'AWS::S3::Bucket' };
      const block = effectiveBlock(accountBlock, bucketPublicAccessBlock(snapshot, account, bucket));
      let accesses = bucketAccess.get(bucket) ?? [];
      let undecided = bucketUndecided.get(bucket) ?? [];
      const isPublic = accesses.some((a) => a.isPublic);
      // RestrictPublicBuckets: a bucket with a public policy is reachable only by AWS services and the owner's account.
      if (block.RestrictPublicBuckets && isPublic) accesses = accesses.filter((a) => 'Service' in a.principal);
      // So an open question about public access is moot there, and once the policy is public, so is every other but a service's.
      if (block.RestrictPublicBuckets) undecided = undecided.filter((u) => 'Service' in u.principal || (!isPublic && u.principal.AWS !== '*'));
      for (const access of accesses) results.grant(access, 'global', 's3.GetBucketPolicy Policy', bucket);
      results.undecided(resource, 'global', undecided, 's3.GetBucketPolicy');
      const policyResult = snapshot.resourceCall(account, 's3', 'GetBucketPolicy', 'us-east-1', bucket);
      if (policyResult.kind === 'error') results.unknown(resource, 'global', `s3:GetBucketPolicy failed (${policyResult.error.code}): access through the bucket policy is unknown.`, 's3.GetBucketPolicy');
      const acl = externalAclGrants(snapshot, account, bucket);
      if (!acl.known) {
        results.unknown(resource, 'global', `s3:GetBucketAcl failed (${acl.reason}): access through the ACL is unknown.`, 's3.GetBucketAcl');
        continue;
      }
      const equivalent = aclPolicy(arn, acl.value ?? [], block.IgnorePublicAcls);
      // A principal the bucket policy already lets in is the same finding: the ACL joins its sources.
      if (equivalent) for (const access of await analyze(equivalent, resource, 'global', 's3.GetBucketAcl')) results.grant({ ...access, statements: ['ACL'] }, 'global', 's3.GetBucketAcl Grants', bucket);
    }
    for (const share of snapshotShares(snapshot, account)) {
      const resource: ResourceUnderTest = { arn: share.arn, account, type: share.type };
      const actions = share.type.startsWith('AWS::RDS') ? ['rds:RestoreDBInstanceFromDBSnapshot', 'rds:CopyDBSnapshot'] : share.type === 'AWS::EC2::Image' ? ['ec2:RunInstances'] : ['ec2:CreateVolume', 'ec2:CopySnapshot'];
      const principal = share.sharedWith.includes('all') ? '*' : { AWS: share.sharedWith.filter((a) => /^\d{12}$/.test(a)) };
      const equivalent = equivalentPolicy([{ principal, actions, resources: ['*'] }]);
      for (const access of await analyze(equivalent, { ...resource, type: share.type }, share.region, share.api, actions)) results.grant({ ...access, statements: ['sharing'] }, share.region, share.api, share.id);
    }
  }
  return results.findings();
}
