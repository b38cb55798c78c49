import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.16: a role with AWSSupportAccess exists to manage incidents with AWS Support. */
export default defineCheck({
  title: 'A support role exists to manage incidents with AWS Support',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Checks that the AWS managed policy AWSSupportAccess is attached to at least one IAM role (iam:GetAccountAuthorizationDetails RoleDetailList[].AttachedManagedPolicies).',
  risk: 'Without a dedicated role, opening support cases during an incident needs broader privileges or the root user.',
  remediation: {
    text: 'Create a role for the incident team and attach arn:aws:iam::aws:policy/AWSSupportAccess.',
    console: 'IAM → Roles → Create role → trusted entity: your account/IdP → attach AWSSupportAccess.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
    terraform: 'resource "aws_iam_role_policy_attachment" "support" {\n  role       = aws_iam_role.support.name\n  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"\n}',
  },
  references: ['https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, resource)];
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'RoleDetailList[].AttachedManagedPolicies' };
    const roles = details.value.roles.filter((role) => role.attachedPolicies.some((p) => /:iam::aws:policy\/AWSSupportAccess$/.test(p.PolicyArn ?? '')));
    return roles.length > 0
      ? [pass(ctx, GLOBAL, resource, `AWSSupportAccess is attached to role(s) ${roles.map((r) => r.name).join(', ')}`, evidence)]
      : [fail(ctx, GLOBAL, resource, 'no IAM role has the AWSSupportAccess policy attached (iam:GetAccountAuthorizationDetails)', evidence)];
  },
});
