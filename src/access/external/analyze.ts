import type { Policy, Statement } from '../policy/model.ts';
import { actionNames, serviceExists } from '../policy/catalog.ts';
import { evaluateRequest, type EvaluationResult, type PolicySet } from '../evaluate/engine.ts';
import { conditionsHold } from '../evaluate/conditions.ts';
import { actionMatches, arnMatches } from '../evaluate/match.ts';
import { parseCaller, principalMatch, notPrincipalApplies, type Caller } from '../evaluate/principal.ts';
import { parsePolicy } from '../policy/model.ts';
import { inZone, orgInZone, type ZoneOfTrust } from './zone.ts';
import { contextEntries, escapeDeny, PRINCIPAL_KEYS, satisfyAllow, toRequestContext, type WitnessContext, type WitnessPlan } from './witness.ts';
import type { SolverLimits } from './solver.ts';

/**
 * External access from a resource policy: which principals outside the zone of trust can
 * reach the resource, whether anyone can (public), under which conditions. Candidates come
 * from the policy itself (named accounts, ARNs, organizations, source accounts) plus two
 * stand-ins for "anyone" (an anonymous caller and an account the policy never names); every
 * candidate is checked by building a witness request and running it through the evaluator, so
 * each reported access is one IAM allows — with the request to prove it.
 */

export interface ResourceUnderTest {
  arn: string;
  account: string;
  /** CloudFormation type: AWS::S3::Bucket, AWS::IAM::Role… */
  type: string;
}

export interface Witness {
  CallerArn: string;
  ActionNames: string[];
  ResourceArns: string[];
  ResourceOwner: string;
  ContextEntries: ReturnType<typeof contextEntries>;
}

export interface ExternalAccess {
  resource: ResourceUnderTest;
  /** As Access Analyzer writes it: {"AWS": "123456789012"}, {"AWS": "*"}, {"Federated": "…"}. */
  principal: Record<string, string>;
  actions: string[];
  conditions: Record<string, string[]>;
  isPublic: boolean;
  /** Statements (Sid or index) that grant the access. */
  statements: string[];
  witness: Witness;
}

const SERVICE_OF_TYPE: Record<string, string> = {
  'AWS::S3::Bucket': 's3',
  'AWS::KMS::Key': 'kms',
  'AWS::IAM::Role': 'sts',
  'AWS::SQS::Queue': 'sqs',
  'AWS::SNS::Topic': 'sns',
  'AWS::Lambda::Function': 'lambda',
  'AWS::Lambda::LayerVersion': 'lambda',
  'AWS::SecretsManager::Secret': 'secretsmanager',
  'AWS::ECR::Repository': 'ecr',
  'AWS::OpenSearchService::Domain': 'es',
  'AWS::EFS::FileSystem': 'elasticfilesystem',
  'AWS::DynamoDB::Table': 'dynamodb',
};

const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'];
const VPC_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip', 'aws:sourcevpcarn']);
const ALLOW_ALL: Policy = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'external-identity');

interface Candidate {
  caller: Caller;
  principal: Record<string, string>;
  context: WitnessContext;
  /** Stands for anyone: access by it is public. */
  generic: boolean;
  external: boolean;
  identity: Policy[];
}

const str = (value: string) => ({ values: [value], multi: false });

function userCandidate(account: string, zone: ZoneOfTrust, resource: ResourceUnderTest, principal: Record<string, string>, arn?: string, orgId?: string, generic = false): Candidate {
  const callerArn = arn ?? `arn:aws:iam::${account}:user/vigil-witness`;
  const caller = parseCaller(callerArn);
  const principalArn = caller.kind === 'assumed-role' ? `arn:aws:iam::${account}:role/${caller.roleName}` : callerArn;
  const context: WitnessContext = new Map([
    ['aws:principalaccount', str(account)],
    ['aws:principalarn', str(principalArn)],
    ['aws:principaltype', str(caller.kind === 'root' ? 'Account' : caller.kind === 'user' ? 'User' : 'AssumedRole')],
    ['aws:principalisawsservice', str('false')],
    ['kms:calleraccount', str(account)],
  ]);
  const org = orgId ?? (zone.organizationAccounts.has(account) ? zone.organizationId : undefined);
  if (org) context.set('aws:principalorgid', str(org));
  const external = !inZone(zone, resource.account, account) && !(org !== undefined && orgInZone(zone, org));
  return { caller, principal, context, generic, external, identity: [ALLOW_ALL] };
}

function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** A concrete ARN matching an ARN pattern: wildcards in the account become `account`. */
export function concreteArn(pattern: string, account: string): string {
  const parts = pattern.split(':');
  if (parts.length < 6) return pattern;
  if (/[*?]/.test(parts[4] ?? '')) parts[4] = account;
  return parts.map((p, i) => (i < 5 ? p.replace(/[*?]/g, 'x') : p.replace(/[*?]/g, 'vigil'))).join(':');
}

function candidates(policy: Policy, resource: ResourceUnderTest, zone: ZoneOfTrust): Candidate[] {
  const named = new Set<string>();
  for (const s of policy.statements) for (const v of [...(s.principal?.aws ?? [])]) {
    const a = accountOfArn(v.value) ?? (/^\d{12}$/.test(v.value) ? v.value : undefined);
    if (a) named.add(a);
  }
  const generic = ['999999999999', '999999999998', '999999999997'].find((a) => !named.has(a) && !inZone(zone, resource.account, a))!;
  const out: Candidate[] = [
    { caller: parseCaller('anonymous'), principal: { AWS: '*' }, context: new Map([['aws:principaltype', str('Anonymous')], ['aws:principalisawsservice', str('false')]]), generic: true, external: true, identity: [] },
    userCandidate(generic, zone, resource, { AWS: '*' }, undefined, undefined, true),
    userCandidate(generic, zone, resource, { AWS: '*' }, undefined, 'o-vigilwitness', true),
  ];
  const seen = new Set<string>();
  const add = (c: Candidate) => {
    const key = `${c.caller.arn}|${JSON.stringify([...c.context.entries()])}`;
    if (!seen.has(key) && c.external) {
      seen.add(key);
      out.push(c);
    }
  };
  for (const s of policy.statements) {
    if (s.effect !== 'Allow') continue;
    for (const v of s.principal?.aws ?? []) {
      const value = v.value;
      if (/^\d{12}$/.test(value)) add(userCandidate(value, zone, resource, { AWS: value }));
      else if (/^arn:[^:]+:iam::\d{12}:root$/.test(value)) add(userCandidate(accountOfArn(value)!, zone, resource, { AWS: accountOfArn(value)! }));
      else if (accountOfArn(value)) add(userCandidate(accountOfArn(value)!, zone, resource, { AWS: value }, value));
    }
    for (const v of s.principal?.canonicalUser ?? []) {
      add({ caller: { ...parseCaller(v.value), arn: v.value, kind: 'unknown' }, principal: { CanonicalUser: v.value }, context: new Map(), generic: false, external: true, identity: [] });
    }
    for (const v of s.principal?.federated ?? []) {
      add({ caller: { ...parseCaller(v.value), arn: v.value }, principal: { Federated: v.value }, context: new Map(), generic: false, external: true, identity: [] });
    }
    for (const clause of s.conditions) {
      if (clause.base.toLowerCase().includes('not') || clause.base.toLowerCase() === 'null') continue;
      const key = clause.key.toLowerCase();
      for (const value of clause.values) {
        if (key === 'aws:principalaccount' || key === 'kms:calleraccount') {
          if (/^\d{12}$/.test(value)) add(userCandidate(value, zone, resource, { AWS: value }));
        } else if (key === 'aws:principalarn') {
          const arn = concreteArn(value, generic);
          const account = accountOfArn(arn);
          if (account) add(userCandidate(account, zone, resource, { AWS: account === generic ? '*' : value }, arn, undefined, account === generic));
        } else if (key === 'aws:principalorgid' || key === 'aws:principalorgpaths') {
          const orgId = value.split('/')[0]!.replace(/[*?]/g, 'x');
          if (zone.organizationId === orgId) {
            const member = [...zone.organizationAccounts].find((a) => !inZone(zone, resource.account, a)) ?? '000011112222';
            add(userCandidate(member, zone, resource, { AWS: '*' }, undefined, orgId));
          } else {
            const c = userCandidate(generic, zone, resource, { AWS: '*' }, undefined, orgId);
            if (key === 'aws:principalorgpaths') c.context.set('aws:principalorgpaths', { values: [literalPath(value)], multi: true });
            add(c);
          }
        } else if (key === 'aws:sourceaccount' || key === 'aws:sourceowner' || key === 'aws:sourcearn') {
          const account = key === 'aws:sourcearn' ? accountOfArn(concreteArn(value, generic)) : /^\d{12}$/.test(value) ? value : undefined;
          if (!account || inZone(zone, resource.account, account)) continue;
          const service = s.principal?.service[0]?.value ?? 'vigil-witness.amazonaws.com';
          const context: WitnessContext = new Map([
            ['aws:sourceaccount', str(account)],
            ['aws:sourceowner', str(account)],
            ['aws:principalisawsservice', str('true')],
            ['aws:principalservicename', str(service)],
          ]);
          if (key === 'aws:sourcearn') context.set('aws:sourcearn', str(concreteArn(value, account)));
          add({ caller: parseCaller(service), principal: { Service: service }, context, generic: false, external: true, identity: [] });
        }
      }
    }
  }
  return out;
}

function literalPath(pattern: string): string {
  return pattern.replace(/\*/g, 'ou-vigil').replace(/\?/g, 'x');
}

function statementActions(statement: Statement, service: string): string[] {
  const all = actionNames(service).map((a) => `${service}:${a}`);
  if (statement.actions) return all.filter((a) => statement.actions!.some((p) => actionMatches(p.value, a)));
  if (statement.notActions) return all.filter((a) => !statement.notActions!.some((p) => actionMatches(p.value, a)));
  return [];
}

function resourcesFor(resource: ResourceUnderTest): string[] {
  if (resource.type === 'AWS::S3::Bucket') return [resource.arn, `${resource.arn}/vigil-witness-object`];
  return [resource.arn];
}

function statementLabel(statement: Statement): string {
  return statement.sid ?? `Statement[${statement.index}]`;
}

function principalApplies(statement: Statement, caller: Caller): boolean {
  if (statement.principal) return principalMatch(statement.principal, caller) !== 'none';
  if (statement.notPrincipal) return notPrincipalApplies(statement.notPrincipal, caller);
  return false;
}

/** Evaluates one witness, escaping Deny statements whose conditions a caller could avoid. */
function confirm(candidate: Candidate, action: string, resourceArn: string, resource: ResourceUnderTest, plan: WitnessPlan, policies: PolicySet): EvaluationResult | undefined {
  const touched = new Set<string>();
  for (let attempt = 0; attempt < 6; attempt++) {
    const outcome = evaluateRequest({ caller: candidate.caller, action, resource: resourceArn, resourceAccount: resource.account, context: toRequestContext(plan.context) }, { ...policies, identity: candidate.identity });
    if (outcome.decision === 'allowed') return outcome;
    if (outcome.decision === 'implicitDeny') return undefined;
    const escaped = outcome.matched.some((m) => m.statement.conditions.length > 0 && escapeDeny(m.statement.conditions, plan, touched));
    if (!escaped) return undefined;
  }
  return undefined;
}

export interface AnalyzeOptions {
  /** RCP levels of the resource's organization, applied as the evaluator does. */
  rcps?: Policy[][];
  /** Time limits for each solver query. */
  solver?: SolverLimits;
}

/**
 * `actionsOverride` lists the actions to test when the resource type has no policy-bearing
 * service in the catalog (sharing settings written as policies).
 */
export function analyzeResourcePolicy(policy: Policy, resource: ResourceUnderTest, zone: ZoneOfTrust, options: AnalyzeOptions = {}, actionsOverride?: string[]): ExternalAccess[] {
  const service = SERVICE_OF_TYPE[resource.type] ?? resource.arn.split(':')[2] ?? '';
  const policies: PolicySet = { identity: [], resource: policy, rcps: options.rcps };
  const found = new Map<string, ExternalAccess>();
  const pool = candidates(policy, resource, zone);
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    const actions = actionsOverride ? actionsOverride.filter((a) => statement.actions?.some((p) => actionMatches(p.value, a))) : resource.type === 'AWS::IAM::Role' ? TRUST_ACTIONS.filter((a) => statementActions(statement, 'sts').includes(a)) : serviceExists(service) ? statementActions(statement, service) : [];
    if (actions.length === 0) continue;
    const resources = resourcesFor(resource).filter((r) => !statement.resources || statement.resources.some((p) => p.value === '*' || arnMatches(p.value, r)));
    let publicActions = 0;
    for (const candidate of pool) {
      if (!principalApplies(statement, candidate.caller)) continue;
      // Once a stand-in for "anyone" has every action of the statement, the others add nothing.
      if (candidate.generic && publicActions === actions.length) continue;
      const fixed = new Set(candidate.context.keys());
      const granted: string[] = [];
      let witness: Witness | undefined;
      for (const action of actions) {
        for (const resourceArn of resources.length ? resources : [resource.arn]) {
          const plan: WitnessPlan = { context: new Map([...candidate.context].map(([k, v]) => [k, { ...v }])), fixed };
          satisfyAllow(statement.conditions, plan);
          const outcome = confirm(candidate, action, resourceArn, resource, plan, policies);
          if (!outcome || !outcome.matched.some((m) => m.statement === statement)) continue;
          granted.push(action);
          witness ??= { CallerArn: candidate.caller.arn, ActionNames: [action], ResourceArns: [resourceArn], ResourceOwner: resource.account, ContextEntries: contextEntries(plan.context) };
          break;
        }
      }
      if (!witness) continue;
      if (candidate.generic) publicActions = Math.max(publicActions, granted.length);
      record(found, resource, candidate, statement, granted, witness);
    }
  }
  return [...found.values()];
}

/** Adds a confirmed access to the results, merging with what the same principal already has. */
function record(found: Map<string, ExternalAccess>, resource: ResourceUnderTest, candidate: Candidate, statement: Statement, granted: string[], witness: Witness): void {
  const conditions: Record<string, string[]> = {};
  for (const clause of statement.conditions) conditions[clause.key] = [...(conditions[clause.key] ?? []), ...clause.values];
  const vpcLimited = statement.conditions.some((c) => VPC_KEYS.has(c.key.toLowerCase()) && !c.base.toLowerCase().includes('not'));
  const isPublic = candidate.generic && !vpcLimited;
  const principal = candidate.generic ? { AWS: '*' } : candidate.principal;
  const key = `${JSON.stringify(principal)}|${isPublic}`;
  const existing = found.get(key);
  if (existing) {
    existing.actions = [...new Set([...existing.actions, ...granted])].sort();
    for (const [k, v] of Object.entries(conditions)) existing.conditions[k] = [...new Set([...(existing.conditions[k] ?? []), ...v])];
    if (!existing.statements.includes(statementLabel(statement))) existing.statements.push(statementLabel(statement));
  } else {
    found.set(key, { resource, principal, actions: [...new Set(granted)].sort(), conditions, isPublic, statements: [statementLabel(statement)], witness });
  }
}

/**
 * Whether the fast path's answer for this caller and action may be incomplete: only when a
 * statement that could apply has a condition on a key the caller is free to choose. With
 * conditions only on keys fixed by who the caller is, the evaluator's answer is exact.
 */
function needsSolver(policy: Policy, candidate: Candidate, action: string, resourceArn: string): boolean {
  let allowApplies = false;
  let free = false;
  for (const s of policy.statements) {
    if (!s.effect || !principalApplies(s, candidate.caller)) continue;
    const actionOk = s.actions ? s.actions.some((p) => actionMatches(p.value, action)) : s.notActions ? !s.notActions.some((p) => actionMatches(p.value, action)) : false;
    const resourceOk = s.resources ? s.resources.some((p) => p.value === '*' || arnMatches(p.value, resourceArn)) : s.notResources ? !s.notResources.some((p) => arnMatches(p.value, resourceArn)) : true;
    if (!actionOk || !resourceOk) continue;
    const freeHere = s.conditions.some((c) => !PRINCIPAL_KEYS.has(c.key.toLowerCase()) && !candidate.context.has(c.key.toLowerCase()));
    // A Deny decided by the caller's identity alone applies whatever the free keys are.
    if (s.effect === 'Deny' && !freeHere && conditionsHold(s.conditions, toRequestContext(candidate.context), policy.version === '2012-10-17')) return false;
    if (s.effect === 'Allow') allowApplies = true;
    if (freeHere) free = true;
  }
  return allowApplies && free;
}

function actionsOf(statement: Statement, resource: ResourceUnderTest, actionsOverride?: string[]): string[] {
  const service = SERVICE_OF_TYPE[resource.type] ?? resource.arn.split(':')[2] ?? '';
  if (actionsOverride) return actionsOverride.filter((a) => statement.actions?.some((p) => actionMatches(p.value, a)));
  if (resource.type === 'AWS::IAM::Role') return TRUST_ACTIONS.filter((a) => statementActions(statement, 'sts').includes(a));
  return serviceExists(service) ? statementActions(statement, service) : [];
}

/** A question the solver could not settle within its limits: this access is unknown, not absent. */
export interface UndecidedAccess {
  resource: ResourceUnderTest;
  principal: Record<string, string>;
  action: string;
  resourceArn: string;
  reason: string;
}

export interface DeepAnalysis {
  accesses: ExternalAccess[];
  undecided: UndecidedAccess[];
}

export function describeUndecided(undecided: UndecidedAccess): string {
  const who = Object.entries(undecided.principal).map(([k, v]) => `${k}:${v}`).join(', ');
  return `whether ${who} can ${undecided.action} on ${undecided.resourceArn} (${undecided.reason})`;
}

/** Thrown by `analyzeResourcePolicyDeep`, whose plain list of accesses has no room for "unknown". */
export class UndecidedAccessError extends Error {
  constructor(readonly analysis: DeepAnalysis) {
    const [first, ...more] = analysis.undecided;
    super(`external access to ${first!.resource.arn} could not be decided: ${describeUndecided(first!)}${more.length ? ` and ${more.length} more` : ''}`);
    this.name = 'UndecidedAccessError';
  }
}

/**
 * The fast path, then the solver for what it cannot settle: policies whose Allow statements
 * carry conditions are asked of Z3 for every candidate and class of actions the fast path left
 * without access. Solver answers are confirmed by the evaluator like any other witness; a
 * question the solver could not decide is returned as undecided, for the caller to report.
 */
export async function analyzeResourcePolicyWithSolver(policy: Policy, resource: ResourceUnderTest, zone: ZoneOfTrust, options: AnalyzeOptions = {}, actionsOverride?: string[]): Promise<DeepAnalysis> {
  const fast = analyzeResourcePolicy(policy, resource, zone, options, actionsOverride);
  const conditional = policy.statements.some((s) => s.effect === 'Allow' && s.conditions.length > 0);
  if (!conditional) return { accesses: fast, undecided: [] };
  const { solveContext } = await import('./solver.ts');
  const found = new Map(fast.map((a) => [`${JSON.stringify(a.principal)}|${a.isPublic}`, a]));
  const covered = (candidate: Candidate, action: string) => [...found.values()].some((a) => a.actions.includes(action) && (candidate.generic ? a.isPublic || JSON.stringify(a.principal) === '{"AWS":"*"}' : JSON.stringify(a.principal) === JSON.stringify(candidate.principal)));
  const policies: PolicySet = { identity: [], resource: policy, rcps: options.rcps };
  const undecided: UndecidedAccess[] = [];
  // One representative action per class of actions that the same statements cover.
  const classes = new Map<string, string>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const action of actionsOf(statement, resource, actionsOverride)) {
      const signature = policy.statements.map((s) => (s.actions ? s.actions.some((p) => actionMatches(p.value, action)) : s.notActions ? !s.notActions.some((p) => actionMatches(p.value, action)) : false) ? '1' : '0').join('');
      if (!classes.has(signature)) classes.set(signature, action);
    }
  }
  for (const candidate of candidates(policy, resource, zone)) {
    for (const action of classes.values()) {
      if (covered(candidate, action)) continue;
      const unsettled: UndecidedAccess[] = [];
      let granted = false;
      for (const resourceArn of resourcesFor(resource)) {
        if (!needsSolver(policy, candidate, action, resourceArn)) continue;
        const answer = await solveContext({ policy, action, resource: resourceArn, principalApplies: (s) => principalApplies(s, candidate.caller), fixed: candidate.context }, options.solver);
        if (answer.status === 'unknown') unsettled.push({ resource, principal: candidate.generic ? { AWS: '*' } : candidate.principal, action, resourceArn, reason: answer.reason });
        if (answer.status !== 'sat') continue;
        const outcome = evaluateRequest({ caller: candidate.caller, action, resource: resourceArn, resourceAccount: resource.account, context: toRequestContext(answer.value) }, { ...policies, identity: candidate.identity });
        const statement = outcome.decision === 'allowed' ? outcome.matched.find((m) => m.kind === 'resource' && m.statement.effect === 'Allow')?.statement : undefined;
        if (!statement) continue;
        record(found, resource, candidate, statement, [action], { CallerArn: candidate.caller.arn, ActionNames: [action], ResourceArns: [resourceArn], ResourceOwner: resource.account, ContextEntries: contextEntries(answer.value) });
        granted = true;
        break;
      }
      // Access found on one resource ARN settles the question whatever the other one said.
      if (!granted) undecided.push(...unsettled);
    }
  }
  return { accesses: [...found.values()], undecided };
}

/**
 * `analyzeResourcePolicyWithSolver` for callers that take a plain list of accesses: when the
 * solver left a question undecided it throws `UndecidedAccessError` rather than let an unknown
 * read as "no access".
 */
export async function analyzeResourcePolicyDeep(policy: Policy, resource: ResourceUnderTest, zone: ZoneOfTrust, options: AnalyzeOptions = {}, actionsOverride?: string[]): Promise<ExternalAccess[]> {
  const analysis = await analyzeResourcePolicyWithSolver(policy, resource, zone, options, actionsOverride);
  if (analysis.undecided.length) throw new UndecidedAccessError(analysis);
  return analysis.accesses;
}
