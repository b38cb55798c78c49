import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.21: access to AWSCloudShellFullAccess is restricted (attached to no identity). */
export default defineCheck({
  title: 'AWSCloudShellFullAccess is not attached to any identity',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Lists users, groups and roles with arn:aws:iam::aws:policy/AWSCloudShellFullAccess attached (iam:GetAccountAuthorizationDetails).',
  risk: 'CloudShell with full access allows file upload/download and outbound internet from a shell with the user’s credentials — a data exfiltration path.',
  remediation: {
    text: 'Detach AWSCloudShellFullAccess and grant a restricted CloudShell policy that denies file transfer where CloudShell is needed.',
    console: 'IAM → Policies → AWSCloudShellFullAccess → Entities attached → Detach.',
    cli: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
    terraform: '# Remove aws_iam_*_policy_attachment resources referencing AWSCloudShellFullAccess.',
  },
  references: ['https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, resource)];
    const has = (list: Array<{ PolicyArn?: string }>) => list.some((p) => /:iam::aws:policy\/AWSCloudShellFullAccess$/.test(p.PolicyArn ?? ''));
    const holders = [
      ...details.value.users.filter((u) => has(u.attachedPolicies)).map((u) => `user ${u.name}`),
      ...details.value.groups.filter((g) => has(g.attachedPolicies)).map((g) => `group ${g.name}`),
      ...details.value.roles.filter((r) => has(r.attachedPolicies)).map((r) => `role ${r.name}`),
    ];
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'AttachedManagedPolicies' };
    return holders.length > 0
      ? [fail(ctx, GLOBAL, resource, `AWSCloudShellFullAccess is attached to ${holders.join(', ')}`, evidence)]
      : [pass(ctx, GLOBAL, resource, 'AWSCloudShellFullAccess is attached to no user, group or role', evidence)];
  },
});
