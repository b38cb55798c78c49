import { getEntry, parseJson, type JsonNode, type Span } from './json.ts';

/**
 * The normalised policy model: every element as an array, Principal forms unified, each
 * statement and value keeping its JSON node so callers can report where it came from.
 * Parsing is lenient: elements of the wrong shape are left out (the validator reports them),
 * so simulation evaluates a policy "as written" even when it is flawed.
 */

export type Effect = 'Allow' | 'Deny';

export interface Located {
  value: string;
  node: JsonNode;
}

export interface PrincipalSpec {
  /** `"*"` or `{"AWS": "*"}`: everyone, including anonymous callers. */
  wildcard: boolean;
  aws: Located[];
  service: Located[];
  federated: Located[];
  canonicalUser: Located[];
  node: JsonNode;
}

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

export interface ConditionClause {
  /** As written: `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Without qualifier and IfExists: `StringLike`. */
  base: string;
  set?: SetOperator;
  ifExists: boolean;
  key: string;
  values: string[];
  operatorNode: JsonNode;
  keySpan: Span;
  valueNode: JsonNode;
}

export interface Statement {
  index: number;
  sid?: string;
  effect?: Effect;
  actions?: Located[];
  notActions?: Located[];
  resources?: Located[];
  notResources?: Located[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: ConditionClause[];
  node: JsonNode;
}

export interface Policy {
  /** How the caller names this policy (`PolicyInputList.1`, a policy ARN…). */
  id: string;
  version?: string;
  statements: Statement[];
  root: JsonNode;
}

export function scalarText(node: JsonNode): string | undefined {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.raw;
  if (node.kind === 'boolean') return String(node.value);
  return undefined;
}

function locatedList(node: JsonNode | undefined): Located[] | undefined {
  if (!node) return undefined;
  const items = node.kind === 'array' ? node.items : [node];
  const out: Located[] = [];
  for (const item of items) {
    if (item.kind === 'string') out.push({ value: item.value, node: item });
  }
  return out;
}

function principalSpec(node: JsonNode | undefined): PrincipalSpec | undefined {
  if (!node) return undefined;
  const spec: PrincipalSpec = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], node };
  if (node.kind === 'string') {
    if (node.value === '*') spec.wildcard = true;
    return spec;
  }
  if (node.kind !== 'object') return spec;
  for (const entry of node.entries) {
    const values = locatedList(entry.value) ?? [];
    switch (entry.key) {
      case 'AWS':
        for (const value of values) {
          if (value.value === '*') spec.wildcard = true;
          else spec.aws.push(value);
        }
        break;
      case 'Service':
        spec.service.push(...values);
        break;
      case 'Federated':
        spec.federated.push(...values);
        break;
      case 'CanonicalUser':
        spec.canonicalUser.push(...values);
        break;
    }
  }
  return spec;
}

const SET_PREFIX = /^(ForAllValues|ForAnyValue):/i;

export function splitOperator(operator: string): { base: string; set?: SetOperator; ifExists: boolean } {
  let rest = operator;
  let set: SetOperator | undefined;
  const prefix = SET_PREFIX.exec(rest);
  if (prefix) {
    set = prefix[1]!.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(prefix[0].length);
  }
  const ifExists = /IfExists$/.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { base: rest, set, ifExists };
}

function conditions(node: JsonNode | undefined): ConditionClause[] {
  if (!node || node.kind !== 'object') return [];
  const out: ConditionClause[] = [];
  for (const op of node.entries) {
    if (op.value.kind !== 'object') continue;
    const parts = splitOperator(op.key);
    for (const key of op.value.entries) {
      const items = key.value.kind === 'array' ? key.value.items : [key.value];
      const values = items.map(scalarText).filter((v): v is string => v !== undefined);
      out.push({ operator: op.key, ...parts, key: key.key, values, operatorNode: op.value, keySpan: key.keySpan, valueNode: key.value });
    }
  }
  return out;
}

function statement(node: JsonNode, index: number): Statement {
  const field = (name: string) => getEntry(node, name)?.value;
  const effectNode = field('Effect');
  const effectText = effectNode?.kind === 'string' ? effectNode.value : undefined;
  const sidNode = field('Sid');
  return {
    index,
    sid: sidNode?.kind === 'string' ? sidNode.value : undefined,
    effect: effectText === 'Allow' || effectText === 'Deny' ? effectText : undefined,
    actions: locatedList(field('Action')),
    notActions: locatedList(field('NotAction')),
    resources: locatedList(field('Resource')),
    notResources: locatedList(field('NotResource')),
    principal: principalSpec(field('Principal')),
    notPrincipal: principalSpec(field('NotPrincipal')),
    conditions: conditions(field('Condition')),
    node,
  };
}

/** Builds the model from a parsed JSON tree. */
export function policyFromNode(root: JsonNode, id: string): Policy {
  const versionNode = getEntry(root, 'Version')?.value;
  const statementNode = getEntry(root, 'Statement')?.value;
  const nodes = !statementNode ? [] : statementNode.kind === 'array' ? statementNode.items : [statementNode];
  return {
    id,
    version: versionNode?.kind === 'string' ? versionNode.value : undefined,
    statements: nodes.filter((n) => n.kind === 'object').map((n, i) => statement(n, i)),
    root,
  };
}

/** Parses policy text; throws JsonSyntaxError when it is not JSON. */
export function parsePolicy(text: string, id = 'policy'): Policy {
  return policyFromNode(parseJson(text), id);
}

/** IAM APIs return documents URL-encoded; the snapshot keeps them so. */
export function decodePolicyDocument(document: string): string {
  const trimmed = document.trimStart();
  if (trimmed.startsWith('{')) return document;
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}
