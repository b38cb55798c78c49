import type { PolicyDocument, PolicyStatement } from '../../inventory/views/iam.ts';
import { statements } from '../../inventory/views/iam.ts';

/** Reading IAM-style policy documents the way the AWS Config rules and CIS audits do. */

export function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** IAM action glob (`s3:Get*`, `*`), case-insensitive as IAM matches actions. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

export function allowStatements(document: PolicyDocument | undefined): PolicyStatement[] {
  return statements(document).filter((s) => s.Effect === 'Allow');
}

/** `Effect: Allow, Action: "*", Resource: "*"` — full administrative privileges (iam-policy-no-statements-with-admin-access). */
export function grantsAdmin(document: PolicyDocument | undefined): boolean {
  return allowStatements(document).some((s) => asList(s.Action).some((a) => a === '*' || a === '*:*') && asList(s.Resource).includes('*'));
}

/** Allow statements granting `<service>:*` (iam-policy-no-statements-with-full-access). */
export function fullServiceActions(document: PolicyDocument | undefined): string[] {
  return allowStatements(document).flatMap((s) => asList(s.Action).filter((a) => /^[a-z0-9-]+:\*$/i.test(a)));
}

/** Actions in `blocked` that a statement allows on every KMS key (Resource "*"). */
export function blockedKmsActionsOnAllKeys(document: PolicyDocument | undefined, blocked: string[]): string[] {
  const found = new Set<string>();
  for (const s of allowStatements(document)) {
    if (!asList(s.Resource).includes('*')) continue;
    for (const action of blocked) if (asList(s.Action).some((pattern) => actionMatches(pattern, action))) found.add(action);
  }
  return [...found];
}

/** A Principal of everyone: "*", {"AWS": "*"}, or a list containing "*". */
export function isPublicPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>).AWS;
    return asList(aws).includes('*');
  }
  return false;
}

/** Condition keys that pin a statement to known callers or networks (S3/KMS/SNS "not public" semantics). */
const RESTRICTING_KEYS = new Set(
  [
    'aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner',
    'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:userid', 'aws:username',
    'aws:principalserviceName', 'aws:principalservicename', 'kms:calleraccount', 's3:dataaccesspointaccount', 's3:dataaccesspointarn',
    'aws:sourceorgid', 'aws:sourceorgpaths', 'sns:endpoint',
  ].map((k) => k.toLowerCase()),
);

export function hasRestrictingCondition(condition: PolicyStatement['Condition']): boolean {
  if (!condition) return false;
  for (const [operator, keys] of Object.entries(condition)) {
    if (/IfExists$/i.test(operator) || /^Null$/i.test(operator)) continue;
    for (const [key, value] of Object.entries(keys ?? {})) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = asList(value);
      if (values.length > 0 && !values.some((v) => v === '*' || v === '0.0.0.0/0' || v === '::/0')) return true;
    }
  }
  return false;
}

/** Allow statements open to everyone without a restricting condition. */
export function publicStatements(document: PolicyDocument | undefined): PolicyStatement[] {
  return allowStatements(document).filter((s) => isPublicPrincipal(s.Principal) && !hasRestrictingCondition(s.Condition));
}

export function statementAllowsAny(statement: PolicyStatement, actions: string[]): string[] {
  if (statement.NotAction !== undefined) return actions.filter((action) => !asList(statement.NotAction).some((p) => actionMatches(p, action)));
  return actions.filter((action) => asList(statement.Action).some((p) => actionMatches(p, action)));
}
