import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-user-no-policies-check · CIS 1.14 · FSBP IAM.2: users get permissions only through groups. */
export default defineCheck({
  title: 'IAM users have no policies attached directly',
  severity: 'LOW',
  resourceType: 'AWS::IAM::User',
  description: 'Checks that no IAM user has inline policies or attached managed policies (iam:GetAccountAuthorizationDetails UserPolicyList, AttachedManagedPolicies).',
  risk: 'Per-user grants are hard to review and drift from role definitions; groups or roles keep permissions consistent.',
  remediation: {
    text: 'Move the user’s permissions to a group (or a role) and detach or delete the user’s own policies.',
    console: 'IAM → Users → user → Permissions → remove the policies; add the user to a group that grants them.',
    cli: 'aws iam detach-user-policy --user-name <user> --policy-arn <arn>\naws iam delete-user-policy --user-name <user> --policy-name <name>',
    terraform: 'resource "aws_iam_user_group_membership" "this" {\n  user   = "<user>"\n  groups = ["<group>"]\n}',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-no-policies-check.html',
  ],
  evaluate(ctx) {
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, accountResource(ctx))];
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'UserDetailList[].UserPolicyList,AttachedManagedPolicies' };
    if (details.value.users.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no IAM users', evidence)];
    return details.value.users.map((user) => {
      const resource = { type: 'AWS::IAM::User', id: user.arn, name: user.name, tags: user.tags };
      const direct = [...user.inlinePolicies.map((p) => `inline ${p.name}`), ...user.attachedPolicies.map((p) => `attached ${p.PolicyName ?? p.PolicyArn}`)];
      return direct.length > 0
        ? fail(ctx, GLOBAL, resource, `user ${user.name} has policies of its own: ${direct.join(', ')} (iam:GetAccountAuthorizationDetails)`, evidence)
        : pass(ctx, GLOBAL, resource, `user ${user.name} has no inline or attached policies`, evidence);
    });
  },
});
