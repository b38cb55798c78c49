import { InputError } from '../core/errors.ts';
import { JsonSyntaxError } from './policy/json.ts';
import { parsePolicy, type Policy } from './policy/model.ts';
import { RequestContext } from './evaluate/context.ts';
import { evaluateRequest, type PolicyKind, type PolicySet } from './evaluate/engine.ts';
import { parseCaller } from './evaluate/principal.ts';

/**
 * `vigil iam simulate` (Contract 5): SimulateCustomPolicy's input vocabulary, extended with
 * boundary, session, VPC endpoint, SCP and RCP policies; output as SimulateCustomPolicy returns.
 */

export interface SimulationPosition {
  Line: number;
  Column: number;
}
export interface SimulationStatement {
  SourcePolicyId: string;
  SourcePolicyType: string;
  StartPosition: SimulationPosition;
  EndPosition: SimulationPosition;
}
export interface SimulationResult {
  EvalActionName: string;
  EvalResourceName: string;
  EvalDecision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  MatchedStatements: SimulationStatement[];
  MissingContextValues: string[];
  EvalDecisionDetails: Record<string, string>;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  OrganizationsDecisionDetail?: { AllowedByOrganizations: boolean };
}

const SOURCE_TYPE: Record<PolicyKind, string> = {
  identity: 'none',
  resource: 'resource',
  boundary: 'permissions-boundary',
  session: 'session',
  vpce: 'vpc-endpoint',
  scp: 'service-control',
  rcp: 'resource-control',
};
const DETAIL_NAME: Record<PolicyKind, string> = {
  identity: 'PolicyInputList',
  resource: 'ResourcePolicy',
  boundary: 'PermissionsBoundaryPolicyInputList',
  session: 'SessionPolicyInputList',
  vpce: 'VpcEndpointPolicyInputList',
  scp: 'ServiceControlPolicies',
  rcp: 'ResourceControlPolicies',
};

function fail(message: string, file?: string): never {
  throw new InputError(message, file);
}

function policyText(value: unknown, field: string, file?: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') return JSON.stringify(value, null, 2); // a policy given as an object
  return fail(`${field}: expected a policy document as a JSON string`, file);
}

function loadPolicy(value: unknown, id: string, file?: string): Policy {
  const text = policyText(value, id, file);
  try {
    return parsePolicy(text, id);
  } catch (error) {
    if (error instanceof JsonSyntaxError) fail(`${id}: policy is not JSON (line ${error.position.line}, column ${error.position.column}: ${error.message})`, file);
    throw error;
  }
}

function policyList(value: unknown, field: string, file?: string): Policy[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${field}: expected a list of policies`, file);
  return value.map((item, i) => loadPolicy(item, `${field}.${i + 1}`, file));
}

function levels(value: unknown, field: string, file?: string): Policy[][] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(`${field}: expected a list of levels, each a list of policies`, file);
  return value.map((level, i) => {
    const list = Array.isArray(level) ? level : [level];
    return list.map((item, j) => loadPolicy(item, `${field}.${i + 1}.${j + 1}`, file));
  });
}

function stringList(value: unknown, field: string, file?: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`${field}: expected a list of strings`, file);
  return value as string[];
}

function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** Parses the Contract 5 input (text) and evaluates every action × resource. */
export function simulate(text: string, file?: string): { EvaluationResults: SimulationResult[] } {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return fail(`input is not JSON: ${(error as Error).message}`, file);
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) fail('input must be a JSON object', file);
  const actions = stringList(input.ActionNames, 'ActionNames', file);
  if (!actions || actions.length === 0) fail('ActionNames is required (a non-empty list of actions)', file);
  const resources = stringList(input.ResourceArns, 'ResourceArns', file) ?? ['*'];
  const callerArn = typeof input.CallerArn === 'string' ? input.CallerArn : undefined;
  const caller = parseCaller(callerArn ?? 'arn:aws:iam::000000000000:user/simulated');

  const policies: PolicySet = {
    identity: policyList(input.PolicyInputList, 'PolicyInputList', file),
    boundary: policyList(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', file),
    session: policyList(input.SessionPolicyInputList, 'SessionPolicyInputList', file),
    vpce: policyList(input.VpcEndpointPolicyInputList, 'VpcEndpointPolicyInputList', file),
    resource: input.ResourcePolicy === undefined || input.ResourcePolicy === null ? undefined : loadPolicy(input.ResourcePolicy, 'ResourcePolicy', file),
    scps: levels(input.ServiceControlPolicies, 'ServiceControlPolicies', file),
    rcps: levels(input.ResourceControlPolicies, 'ResourceControlPolicies', file),
  };

  const entries = input.ContextEntries === undefined ? [] : input.ContextEntries;
  if (!Array.isArray(entries)) fail('ContextEntries: expected a list', file);
  const contextEntries = (entries as unknown[]).map((entry, i) => {
    const e = entry as { ContextKeyName?: unknown; ContextKeyValues?: unknown; ContextKeyType?: unknown };
    if (!e || typeof e.ContextKeyName !== 'string') fail(`ContextEntries[${i}]: ContextKeyName is required`, file);
    const values = Array.isArray(e.ContextKeyValues) ? e.ContextKeyValues.map(String) : e.ContextKeyValues === undefined ? [] : [String(e.ContextKeyValues)];
    const type = typeof e.ContextKeyType === 'string' ? e.ContextKeyType : 'string';
    return [e.ContextKeyName, { values, multi: /list$/i.test(type), type }] as const;
  });

  const results: SimulationResult[] = [];
  for (const action of actions) {
    for (const resource of resources) {
      const context = new RequestContext(contextEntries.map(([k, v]) => [k, { ...v }]));
      const resourceOwner = typeof input.ResourceOwner === 'string' ? input.ResourceOwner : accountOfArn(resource) ?? caller.account;
      const outcome = evaluateRequest({ caller, action, resource, resourceAccount: resourceOwner, context }, policies);
      const seen = new Set<string>();
      const matched: SimulationStatement[] = [];
      for (const m of outcome.matched) {
        const key = `${m.policy.id}#${m.statement.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        matched.push({
          SourcePolicyId: m.policy.id,
          SourcePolicyType: SOURCE_TYPE[m.kind],
          // IAM reports the column after the brace on each side.
          StartPosition: { Line: m.statement.node.start.line, Column: m.statement.node.start.column + 1 },
          EndPosition: { Line: m.statement.node.end.line, Column: m.statement.node.end.column },
        });
      }
      const details: Record<string, string> = {};
      for (const [kind, decision] of Object.entries(outcome.details)) details[DETAIL_NAME[kind as PolicyKind]] = decision;
      const result: SimulationResult = {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: outcome.decision,
        MatchedStatements: matched,
        MissingContextValues: [...new Set(outcome.missingContextValues)].sort(),
        EvalDecisionDetails: details,
      };
      if (outcome.allowedByBoundary !== undefined) result.PermissionsBoundaryDecisionDetail = { AllowedByPermissionsBoundary: outcome.allowedByBoundary };
      if (outcome.allowedByOrganizations !== undefined) result.OrganizationsDecisionDetail = { AllowedByOrganizations: outcome.allowedByOrganizations };
      results.push(result);
    }
  }
  return { EvaluationResults: results };
}
