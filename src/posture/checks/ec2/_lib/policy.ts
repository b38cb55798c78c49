/**
 * A small reading of resource policies (Lambda, ECR, SQS, OpenSearch, Secrets Manager): does a
 * statement Allow everyone? Public means an Allow whose principal is `*` (or `{"AWS": "*"}`)
 * with no condition that narrows the caller to known accounts, organizations, networks or
 * source resources. (The full policy evaluator lives in the access area; checks only need
 * this yes/no with the statement that made it.)
 */

/** Condition keys that restrict who can use a wildcard-principal statement. */
const RESTRICTING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:resourceorgid',
  'aws:userid',
  'aws:sourceip',
  'kms:calleraccount',
]);

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function principalIsEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    return asArray(aws).some((value) => value === '*');
  }
  return false;
}

function conditionRestricts(condition: Statement['Condition']): boolean {
  if (!condition) return false;
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(block ?? {})) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = asArray(value).map(String);
      // A "restriction" to every address or to any value restricts nothing.
      if (values.some((item) => item === '*' || item === '0.0.0.0/0' || item === '::/0')) continue;
      if (/^StringNotEquals|^ArnNotEquals|^ArnNotLike|^StringNotLike|^NotIpAddress/i.test(operator)) continue;
      return true;
    }
  }
  return false;
}

export interface PublicStatement {
  sid?: string;
  index: number;
  actions: string[];
}

/** Statements of a policy (JSON text or object) that allow anyone; empty when none or unparsable. */
export function publicStatements(policy: unknown): PublicStatement[] {
  let document: unknown = policy;
  if (typeof policy === 'string') {
    try {
      document = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  const statements = asArray((document as { Statement?: unknown } | undefined)?.Statement) as Statement[];
  const out: PublicStatement[] = [];
  statements.forEach((statement, index) => {
    if (statement?.Effect !== 'Allow') return;
    const everyone = principalIsEveryone(statement.Principal) || statement.NotPrincipal !== undefined;
    if (!everyone || conditionRestricts(statement.Condition)) return;
    out.push({ sid: statement.Sid, index, actions: asArray(statement.Action).map(String) });
  });
  return out;
}

export function describePublic(statements: PublicStatement[]): string {
  return statements.map((s) => `statement ${s.sid ? `"${s.sid}"` : `#${s.index}`} allows ${s.actions.join(', ') || 'actions'} to Principal "*" without a restricting condition`).join('; ');
}

/** Whether a policy text parses as JSON (an unreadable policy must not be read as "not public"). */
export function parses(policy: string): boolean {
  try {
    JSON.parse(policy);
    return true;
  } catch {
    return false;
  }
}
