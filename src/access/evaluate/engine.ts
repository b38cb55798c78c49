import type { Policy, Statement } from '../policy/model.ts';
import { conditionsHold } from './conditions.ts';
import { substituteVariables, type RequestContext } from './context.ts';
import { actionMatches, arnPartsMatch } from './match.ts';
import { notPrincipalApplies, principalMatch, type Caller, type PrincipalMatch } from './principal.ts';

/**
 * The IAM policy evaluation logic (IAM User Guide, "Policy evaluation logic"):
 *  1. an explicit Deny in any applicable policy wins;
 *  2. RCPs of the resource's organization and SCPs of the caller's organization: every SCP
 *     level must allow (RCP levels always include RCPFullAccess, so they only deny);
 *  3. VPC endpoint policies, when the request goes through one, must allow;
 *  4. within one account, an Allow from a resource policy or from the identity policies
 *     (limited by permissions boundary and session policy) suffices — with the documented
 *     exceptions for who a resource policy names (user, role, session, account);
 *  5. across accounts, both the caller's identity side and the resource policy must allow;
 *  6. role trust policies and KMS key policies must themselves allow (directly, or by naming
 *     the account so IAM policies decide).
 */

export type PolicyKind = 'identity' | 'resource' | 'boundary' | 'session' | 'vpce' | 'scp' | 'rcp';
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface EvaluationRequest {
  caller: Caller;
  action: string;
  /** Resource ARN, or `*` for a resource whose ARN is unknown. */
  resource: string;
  resourceAccount?: string;
  context: RequestContext;
}

export interface PolicySet {
  identity: Policy[];
  /** Undefined or empty: no boundary. */
  boundary?: Policy[];
  session?: Policy[];
  vpce?: Policy[];
  resource?: Policy;
  /** One list per level, root first. */
  scps?: Policy[][];
  rcps?: Policy[][];
}

export interface MatchedStatement {
  policy: Policy;
  kind: PolicyKind;
  statement: Statement;
  principal?: PrincipalMatch;
}

export interface EvaluationResult {
  decision: Decision;
  matched: MatchedStatement[];
  details: Partial<Record<PolicyKind, Decision>>;
  allowedByBoundary?: boolean;
  allowedByOrganizations?: boolean;
  missingContextValues: string[];
}

function actionApplies(statement: Statement, action: string): boolean {
  if (statement.actions) return statement.actions.some((a) => actionMatches(a.value, action));
  if (statement.notActions) return !statement.notActions.some((a) => actionMatches(a.value, action));
  return false;
}

function resourcePatternMatches(pattern: string, resource: string, context: RequestContext, variables: boolean): boolean {
  if (resource === '*') return pattern === '*';
  const parts = substituteVariables(pattern, context, variables);
  return parts !== undefined && arnPartsMatch(parts, resource);
}

function resourceApplies(statement: Statement, kind: PolicyKind, request: EvaluationRequest, variables: boolean): boolean {
  if (statement.resources) return statement.resources.some((r) => resourcePatternMatches(r.value, request.resource, request.context, variables));
  if (statement.notResources) return !statement.notResources.some((r) => resourcePatternMatches(r.value, request.resource, request.context, variables));
  // A resource policy without Resource (role trust policies) covers the resource it is attached to.
  return kind === 'resource';
}

function matchStatements(policy: Policy, kind: PolicyKind, request: EvaluationRequest): MatchedStatement[] {
  const variables = policy.version === '2012-10-17';
  const out: MatchedStatement[] = [];
  const usesPrincipal = kind === 'resource' || kind === 'rcp' || kind === 'vpce';
  for (const statement of policy.statements) {
    if (!statement.effect) continue;
    if (!actionApplies(statement, request.action)) continue;
    if (!resourceApplies(statement, kind, request, variables)) continue;
    let principal: PrincipalMatch | undefined;
    if (usesPrincipal) {
      if (statement.principal) principal = principalMatch(statement.principal, request.caller);
      else if (statement.notPrincipal) principal = notPrincipalApplies(statement.notPrincipal, request.caller) ? 'direct' : 'none';
      else principal = kind === 'resource' ? 'none' : 'direct';
      if (principal === 'none') continue;
    }
    // Every key the statement's conditions name is looked up, so MissingContextValues lists
    // them all (not just those before the first failing clause).
    for (const clause of statement.conditions) request.context.get(clause.key);
    if (!conditionsHold(statement.conditions, request.context, variables)) continue;
    out.push({ policy, kind, statement, principal });
  }
  return out;
}

function serviceOf(action: string): string {
  return action.split(':')[0]!.toLowerCase();
}

/** Actions whose resource policy must allow even within the account. */
function resourcePolicyRequired(request: EvaluationRequest): boolean {
  const action = request.action.toLowerCase();
  if (serviceOf(action) === 'kms' && /^arn:[^:]+:kms:/.test(request.resource)) return true;
  if (/^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity|setcontext)$/.test(action) && /^arn:[^:]+:iam::\d*:role\//.test(request.resource)) return true;
  return false;
}

/** Services RCPs apply to (AWS Organizations User Guide, "Resource control policies"). */
let rcpServices: Set<string> | undefined;
function rcpSupported(action: string): boolean {
  rcpServices ??= new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'ecr', 'logs', 'dynamodb', 'cognito-idp', 'aoss']);
  const service = serviceOf(action);
  return rcpServices.has(service);
}

export function evaluateRequest(request: EvaluationRequest, policies: PolicySet): EvaluationResult {
  const { caller } = request;
  const callerAccount = caller.account;
  const resourceAccount = request.resourceAccount ?? callerAccount;
  const external = caller.kind === 'anonymous' || caller.kind === 'service' || caller.kind === 'unknown';
  const crossAccount = !external && resourceAccount !== undefined && callerAccount !== resourceAccount;

  const collect = (list: Policy[] | undefined, kind: PolicyKind) => (list ?? []).flatMap((p) => matchStatements(p, kind, request));
  const identity = external ? [] : collect(policies.identity, 'identity');
  const boundaryGiven = !external && caller.kind !== 'root' && (policies.boundary?.length ?? 0) > 0;
  const boundary = boundaryGiven ? collect(policies.boundary, 'boundary') : [];
  const sessionGiven = !external && (policies.session?.length ?? 0) > 0;
  const session = sessionGiven ? collect(policies.session, 'session') : [];
  const vpceGiven = (policies.vpce?.length ?? 0) > 0;
  const vpce = vpceGiven ? collect(policies.vpce, 'vpce') : [];
  const resource = policies.resource ? matchStatements(policies.resource, 'resource', request) : [];
  const scpApplies = !external && !caller.serviceLinked && (policies.scps?.length ?? 0) > 0;
  const scpLevels = scpApplies ? policies.scps!.map((level) => collect(level, 'scp')) : [];
  const rcpApplies = !caller.serviceLinked && (policies.rcps?.length ?? 0) > 0 && rcpSupported(request.action);
  const rcpLevels = rcpApplies ? policies.rcps!.map((level) => collect(level, 'rcp')) : [];

  const all = [...identity, ...boundary, ...session, ...vpce, ...resource, ...scpLevels.flat(), ...rcpLevels.flat()];
  const missingContextValues = [...request.context.missing];
  const allows = (list: MatchedStatement[]) => list.filter((m) => m.statement.effect === 'Allow');
  const denies = all.filter((m) => m.statement.effect === 'Deny');

  const details: Partial<Record<PolicyKind, Decision>> = {};
  const kindDecision = (list: MatchedStatement[]): Decision =>
    list.some((m) => m.statement.effect === 'Deny') ? 'explicitDeny' : list.some((m) => m.statement.effect === 'Allow') ? 'allowed' : 'implicitDeny';
  if (!external) details.identity = caller.kind === 'root' && identity.length === 0 ? 'allowed' : kindDecision(identity);
  if (policies.resource) details.resource = kindDecision(resource);
  if (boundaryGiven) details.boundary = kindDecision(boundary);
  if (sessionGiven) details.session = kindDecision(session);
  if (vpceGiven) details.vpce = kindDecision(vpce);
  if (scpApplies) details.scp = scpLevels.some((l) => l.some((m) => m.statement.effect === 'Deny')) ? 'explicitDeny' : scpLevels.every((l) => allows(l).length > 0) ? 'allowed' : 'implicitDeny';
  if (rcpApplies) details.rcp = rcpLevels.some((l) => l.some((m) => m.statement.effect === 'Deny')) ? 'explicitDeny' : 'allowed';

  const boundaryOk = !boundaryGiven || allows(boundary).length > 0;
  const result = (decision: Decision, matched: MatchedStatement[]): EvaluationResult => ({
    decision,
    matched,
    details,
    allowedByBoundary: boundaryGiven ? boundaryOk && !boundary.some((m) => m.statement.effect === 'Deny') : undefined,
    allowedByOrganizations: scpApplies ? details.scp === 'allowed' : undefined,
    missingContextValues,
  });

  if (denies.length > 0) return result('explicitDeny', denies);
  if (scpApplies && details.scp !== 'allowed') return result('implicitDeny', []);
  if (vpceGiven && allows(vpce).length === 0) return result('implicitDeny', []);

  const sessionOk = !sessionGiven || allows(session).length > 0;
  // The root user needs no identity policy: it holds every permission its account has (SCPs
  // and, across accounts, the resource policy still decide).
  const rootOfAccount = caller.kind === 'root';
  const identityAllows = rootOfAccount || allows(identity).length > 0;
  const identityPath = !external && identityAllows && boundaryOk && sessionOk;

  const resourceAllows = allows(resource);
  const identityMatched = rootOfAccount ? [] : [...allows(identity), ...allows(boundary), ...allows(session)];
  const required = resourcePolicyRequired(request) && policies.resource !== undefined;

  if (external || crossAccount) {
    // Both sides must allow; a caller with no account (anonymous, a service) has only the resource side.
    if (resourceAllows.length === 0) return result('implicitDeny', []);
    if (external) return result('allowed', resourceAllows);
    return identityPath ? result('allowed', [...identityMatched, ...resourceAllows]) : result('implicitDeny', []);
  }

  // Same account: which resource-policy Allows grant by themselves?
  const grants = resourceAllows.filter((m) => {
    if (m.principal === 'account') return false; // delegates to IAM policies
    if (m.principal === 'role') return boundaryOk && sessionOk; // role ARN: limited by boundary and session policy
    if (caller.kind === 'role') return boundaryOk && sessionOk;
    if (caller.kind === 'federated-user') return true; // names the federated session itself
    return true; // user ARN, session ARN, root or everyone: granted directly
  });
  if (grants.length > 0) return result('allowed', [...(identityPath ? identityMatched : []), ...grants]);
  if (required) {
    // Trust and key policies: IAM policies count only when the policy names the account.
    const delegated = resourceAllows.some((m) => m.principal === 'account');
    return delegated && identityPath ? result('allowed', [...identityMatched, ...resourceAllows]) : result('implicitDeny', []);
  }
  if (identityPath) return result('allowed', [...identityMatched, ...resourceAllows]);
  return result('implicitDeny', []);
}
