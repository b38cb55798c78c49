import { parsePolicy, type Policy, type Statement } from '../policy/model.ts';
import { evaluateRequest } from '../evaluate/engine.ts';
import { actionMatches, arnMatches } from '../evaluate/match.ts';
import { parseCaller, type Caller } from '../evaluate/principal.ts';
import { analyzeResourcePolicyWithSolver, concreteArn, describeUndecided, type ExternalAccess, type UndecidedAccess } from '../external/analyze.ts';
import type { SolverLimits } from '../external/solver.ts';
import { contextEntries, escapeDeny, satisfyAllow, toRequestContext, type WitnessPlan } from '../external/witness.ts';

/**
 * Access Analyzer's custom policy checks: CheckNoPublicAccess and CheckAccessNotGranted.
 * Both answer PASS or FAIL with reasons naming the statements, and a FAIL carries the
 * witness request the evaluator allows. CheckNoPublicAccess can also answer ERROR: the solver
 * could not decide a question within its time bound, so the policy is neither shown to pass
 * nor shown to grant public access.
 */

export interface CheckReason {
  description: string;
  statementIndex?: number;
  statementId?: string;
  witness?: unknown;
}
export interface CheckResult {
  /** PASS and FAIL as Access Analyzer answers; ERROR is Vigil's own "could not be decided". */
  result: 'PASS' | 'FAIL' | 'ERROR';
  message: string;
  reasons: CheckReason[];
}

/** Resource types CheckNoPublicAccess accepts, with the service and an ARN shape to test. */
export const PUBLIC_CHECK_TYPES: Record<string, { service: string; arn: (account: string) => string; analyzeAs?: string }> = {
  'AWS::S3::Bucket': { service: 's3', arn: () => 'arn:aws:s3:::vigil-check-bucket' },
  'AWS::S3::AccessPoint': { service: 's3', arn: (a) => `arn:aws:s3:us-east-1:${a}:accesspoint/vigil-check` },
  'AWS::S3Express::DirectoryBucket': { service: 's3express', arn: (a) => `arn:aws:s3express:us-east-1:${a}:bucket/vigil-check--use1-az4--x-s3` },
  'AWS::S3::Glacier': { service: 'glacier', arn: (a) => `arn:aws:glacier:us-east-1:${a}:vaults/vigil-check` },
  'AWS::KMS::Key': { service: 'kms', arn: (a) => `arn:aws:kms:us-east-1:${a}:key/vigil-check` },
  'AWS::IAM::AssumeRolePolicyDocument': { service: 'sts', arn: (a) => `arn:aws:iam::${a}:role/vigil-check`, analyzeAs: 'AWS::IAM::Role' },
  'AWS::Lambda::Function': { service: 'lambda', arn: (a) => `arn:aws:lambda:us-east-1:${a}:function:vigil-check` },
  'AWS::SQS::Queue': { service: 'sqs', arn: (a) => `arn:aws:sqs:us-east-1:${a}:vigil-check` },
  'AWS::SNS::Topic': { service: 'sns', arn: (a) => `arn:aws:sns:us-east-1:${a}:vigil-check` },
  'AWS::SecretsManager::Secret': { service: 'secretsmanager', arn: (a) => `arn:aws:secretsmanager:us-east-1:${a}:secret:vigil-check-AbCdEf` },
  'AWS::ECR::Repository': { service: 'ecr', arn: (a) => `arn:aws:ecr:us-east-1:${a}:repository/vigil-check` },
  'AWS::OpenSearchService::Domain': { service: 'es', arn: (a) => `arn:aws:es:us-east-1:${a}:domain/vigil-check` },
  'AWS::DynamoDB::Table': { service: 'dynamodb', arn: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/vigil-check` },
  'AWS::DynamoDB::Stream': { service: 'dynamodb', arn: (a) => `arn:aws:dynamodb:us-east-1:${a}:table/vigil-check/stream/2024-01-01T00:00:00.000` },
  'AWS::EFS::FileSystem': { service: 'elasticfilesystem', arn: (a) => `arn:aws:elasticfilesystem:us-east-1:${a}:file-system/fs-vigil` },
  'AWS::Kinesis::Stream': { service: 'kinesis', arn: (a) => `arn:aws:kinesis:us-east-1:${a}:stream/vigil-check` },
  'AWS::Backup::BackupVault': { service: 'backup', arn: (a) => `arn:aws:backup:us-east-1:${a}:backup-vault:vigil-check` },
  'AWS::CodeArtifact::Domain': { service: 'codeartifact', arn: (a) => `arn:aws:codeartifact:us-east-1:${a}:domain/vigil-check` },
};

const OWNER = '000011110000';

function labelOf(statement: Statement): Pick<CheckReason, 'statementIndex' | 'statementId'> {
  return { statementIndex: statement.index, ...(statement.sid ? { statementId: statement.sid } : {}) };
}

/** The resource ARNs a policy's statements name for the service, made concrete; the type's sample ARN when none. */
function resourcesToTest(policy: Policy, resourceType: string): Array<{ arn: string; account: string }> {
  const info = PUBLIC_CHECK_TYPES[resourceType]!;
  const out = new Map<string, string>();
  for (const s of policy.statements) {
    for (const r of s.resources ?? []) {
      if (r.value === '*' || !r.value.startsWith('arn:')) continue;
      let arn = concreteArn(r.value, OWNER);
      if (resourceType === 'AWS::S3::Bucket') arn = arn.replace(/^(arn:[^:]+:s3:::[^/]+)\/.*$/, '$1');
      const account = arn.split(':')[4] || OWNER;
      if (arn.split(':')[2] === info.service || (info.service === 'es' && arn.split(':')[2] === 'es')) out.set(arn, /^\d{12}$/.test(account) ? account : OWNER);
    }
  }
  if (out.size === 0) out.set(info.arn(OWNER), OWNER);
  return [...out].map(([arn, account]) => ({ arn, account }));
}

export interface CheckOptions {
  /** Bounds on each solver question (default: the solver's own, 5 s). */
  solver?: SolverLimits;
}

export async function checkNoPublicAccess(text: string, resourceType: string, options: CheckOptions = {}): Promise<CheckResult> {
  if (!PUBLIC_CHECK_TYPES[resourceType]) throw new Error(`unsupported resource type ${resourceType}`);
  const policy = parsePolicy(text, 'policy');
  const info = PUBLIC_CHECK_TYPES[resourceType]!;
  const found: ExternalAccess[] = [];
  const undecided: UndecidedAccess[] = [];
  for (const resource of resourcesToTest(policy, resourceType)) {
    const zone = { kind: 'account' as const, organizationAccounts: new Set<string>(), trustedAccounts: new Set<string>() };
    const analysis = await analyzeResourcePolicyWithSolver(policy, { arn: resource.arn, account: resource.account, type: info.analyzeAs ?? resourceType }, zone, { solver: options.solver });
    found.push(...analysis.accesses.filter((a) => a.isPublic));
    // Only the stand-ins for "anyone" ask the public question: whatever a named account may do, it is not public.
    undecided.push(...analysis.undecided.filter((u) => u.principal.AWS === '*'));
  }
  // A proven public grant settles the check, whatever else was left open.
  if (found.length === 0 && undecided.length > 0) return undecidedResult(policy, undecided);
  if (found.length === 0) return { result: 'PASS', message: 'The resource policy does not grant public access.', reasons: [] };
  const reasons: CheckReason[] = [];
  for (const access of found) {
    for (const label of access.statements) {
      const statement = policy.statements.find((s) => (s.sid ?? `Statement[${s.index}]`) === label);
      reasons.push({ description: `Public access granted: ${access.actions.slice(0, 5).join(', ')}${access.actions.length > 5 ? '…' : ''}${Object.keys(access.conditions).length ? ` with conditions on ${Object.keys(access.conditions).join(', ')}` : ''}.`, ...(statement ? labelOf(statement) : {}), witness: access.witness });
    }
  }
  return { result: 'FAIL', message: 'The resource policy grants public access for the given resource type.', reasons };
}

/** The Allow statement an undecided question is about: the first conditional one covering the action. */
function statementInQuestion(policy: Policy, action: string): Statement | undefined {
  const conditionalAllows = policy.statements.filter((s) => s.effect === 'Allow' && s.conditions.length > 0);
  const covers = (s: Statement) => (s.actions ? s.actions.some((a) => actionMatches(a.value, action)) : s.notActions ? !s.notActions.some((a) => actionMatches(a.value, action)) : false);
  return conditionalAllows.find(covers) ?? conditionalAllows[0];
}

function undecidedResult(policy: Policy, undecided: UndecidedAccess[]): CheckResult {
  // The stand-ins for anyone (anonymous, an unnamed account, one in an unnamed organization) ask the same question.
  const questions = new Map(undecided.map((u) => [`${u.action}|${u.resourceArn}`, u]));
  const reasons = [...questions.values()].map((u): CheckReason => {
    const statement = statementInQuestion(policy, u.action);
    return { description: `Could not decide ${describeUndecided(u)}.`, ...(statement ? labelOf(statement) : {}) };
  });
  return { result: 'ERROR', message: 'Whether the resource policy grants public access could not be decided: the solver gave no answer in time (see the reasons). This is not a PASS.', reasons };
}

export type CheckPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY';

function callersFor(statement: Statement, policyType: CheckPolicyType): Caller[] {
  if (policyType === 'IDENTITY_POLICY') return [parseCaller(`arn:aws:iam::${OWNER}:user/vigil-check`)];
  const out: Caller[] = [];
  const p = statement.principal;
  if (!p || p.wildcard || statement.notPrincipal) out.push(parseCaller('arn:aws:iam::999999999999:user/vigil-check'), parseCaller('anonymous'));
  for (const v of p?.aws ?? []) {
    const account = /^\d{12}$/.test(v.value) ? v.value : v.value.split(':')[4];
    if (/^\d{12}$/.test(v.value) || /:root$/.test(v.value)) out.push(parseCaller(`arn:aws:iam::${account}:user/vigil-check`));
    else out.push(parseCaller(v.value));
  }
  for (const v of [...(p?.service ?? []), ...(p?.federated ?? [])]) out.push({ ...parseCaller(v.value), arn: v.value });
  return out;
}

const ALLOW_ALL = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'caller-identity');

/** Decided by the evaluator alone (no solver), so always PASS or FAIL. */
export function checkAccessNotGranted(text: string, actions: string[], resources: string[], policyType: CheckPolicyType): CheckResult & { result: 'PASS' | 'FAIL' } {
  const policy = parsePolicy(text, 'policy');
  const reasons: CheckReason[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const action of actions) {
      const matchesAction = statement.actions ? statement.actions.some((a) => actionMatches(a.value, action) || actionMatches(action, a.value)) : statement.notActions ? !statement.notActions.some((a) => actionMatches(a.value, action)) : false;
      if (!matchesAction) continue;
      const concreteAction = action.includes('*') || action.includes('?') ? (statement.actions?.find((a) => actionMatches(action, a.value))?.value ?? action).replace(/[*?]/g, 'X') : action;
      const targets = resources.length ? resources : (statement.resources ?? []).map((r) => r.value);
      const candidatesResources = (targets.length ? targets : ['*']).map((r) => (r === '*' ? r : concreteArn(r, OWNER)));
      let granted: CheckReason | undefined;
      for (const resource of candidatesResources) {
        if (resources.length && statement.resources && !statement.resources.some((p) => p.value === '*' || arnMatches(p.value, resource) || arnMatches(resource, p.value))) continue;
        for (const caller of callersFor(statement, policyType)) {
          const plan: WitnessPlan = { context: new Map(), fixed: new Set() };
          satisfyAllow(statement.conditions, plan);
          const touched = new Set<string>();
          for (let attempt = 0; attempt < 6; attempt++) {
            const request = { caller, action: concreteAction, resource: resource === '*' && statement.resources?.every((r) => r.value !== '*') ? concreteArn(statement.resources[0]!.value, OWNER) : resource, resourceAccount: policyType === 'IDENTITY_POLICY' ? OWNER : caller.account ?? OWNER, context: toRequestContext(plan.context) };
            const outcome = policyType === 'IDENTITY_POLICY' ? evaluateRequest(request, { identity: [policy] }) : evaluateRequest(request, { identity: caller.account ? [ALLOW_ALL] : [], resource: policy });
            if (outcome.decision === 'allowed') {
              granted = { description: `The policy grants ${action}${resource !== '*' ? ` on ${resource}` : ''}.`, ...labelOf(statement), witness: { CallerArn: caller.arn, ActionNames: [concreteAction], ResourceArns: [request.resource], ContextEntries: contextEntries(plan.context) } };
              break;
            }
            if (outcome.decision === 'implicitDeny' || !outcome.matched.some((m) => escapeDeny(m.statement.conditions, plan, touched))) break;
          }
          if (granted) break;
        }
        if (granted) break;
      }
      if (granted) reasons.push(granted);
    }
  }
  if (reasons.length === 0) return { result: 'PASS', message: 'The policy does not grant any of the listed actions.', reasons: [] };
  return { result: 'FAIL', message: 'The policy grants at least one of the listed actions.', reasons };
}
