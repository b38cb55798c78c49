import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';

/**
 * Backdoor roles: `CreateRole` or `UpdateAssumeRolePolicy` whose trust policy lets an AWS
 * principal of another account (or anyone, `*`) assume the role. The role's own account and
 * `detect.trustedAccounts` are not "outside". Needs the account comparison, so it is code.
 */
export class IamTrust implements Detector {
  readonly id = 'iam-trust';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['iam.amazonaws.com'];

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    if (r.eventSource !== 'iam.amazonaws.com' || (r.eventName !== 'CreateRole' && r.eventName !== 'UpdateAssumeRolePolicy')) return;
    if (r.errorCode) return;
    const params = (r.requestParameters ?? {}) as Record<string, unknown>;
    const text = params.assumeRolePolicyDocument ?? params.policyDocument;
    if (typeof text !== 'string') return;
    const account = accountOf(r);
    const outside = externalPrincipals(text, [account, ...ctx.settings.trustedAccounts]);
    if (outside.length === 0) return;
    const role = String(params.roleName ?? 'unknown');
    ctx.emit({
      type: 'Persistence:IAMRole/TrustPolicyExternalAccount', account, region: regionOf(r), actor: actorOf(r),
      resource: { type: 'AWS::IAM::Role', id: `arn:aws:iam::${account}:role/${role}` },
      time: timeOf(r), eventId: eventIdOf(r, event.ref),
      severity: outside.includes('*') ? 'CRITICAL' : undefined,
      details: { trustedPrincipals: outside.slice(0, 10), eventName: r.eventName, sourceIPAddress: r.sourceIPAddress },
    });
  }
}

/** AWS principals allowed by a trust policy that are outside the given accounts. */
export function externalPrincipals(policyText: string, ownAccounts: string[]): string[] {
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText.includes('%7B') ? decodeURIComponent(policyText) : policyText);
  } catch {
    return [];
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
  const out: string[] = [];
  for (const st of statements as Array<Record<string, unknown>>) {
    if (st.Effect !== 'Allow') continue;
    const principal = st.Principal;
    const aws = principal === '*' ? ['*'] : principal && typeof principal === 'object' ? (principal as Record<string, unknown>).AWS : undefined;
    const list = aws === undefined ? [] : Array.isArray(aws) ? aws.map(String) : [String(aws)];
    for (const p of list) {
      const acct = p === '*' ? '*' : /^\d{12}$/.test(p) ? p : /^arn:aws[\w-]*:(iam|sts)::(\d{12}):/.exec(p)?.[2];
      if (acct === undefined) continue;
      if (acct !== '*' && ownAccounts.includes(acct)) continue;
      // A wildcard principal restricted by a condition on the organization is not open to the world.
      if (acct === '*' && st.Condition && JSON.stringify(st.Condition).includes('aws:PrincipalOrgID')) continue;
      out.push(p);
    }
  }
  return out;
}
