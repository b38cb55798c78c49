import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.8: the password policy prevents reuse (24 remembered passwords). */
export default defineCheck({
  title: 'The IAM password policy prevents password reuse',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Checks PasswordReusePrevention of the account password policy (iam:GetAccountPasswordPolicy).',
  risk: 'Reused passwords let a leaked old password keep working.',
  remediation: {
    text: 'Set "Prevent password reuse" to remember 24 passwords.',
    console: 'IAM → Account settings → Password policy → Edit → Prevent password reuse: 24.',
    cli: 'aws iam update-account-password-policy --password-reuse-prevention 24',
    terraform: 'resource "aws_iam_account_password_policy" "this" {\n  password_reuse_prevention = 24\n}',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  parameters: { PasswordReusePrevention: { description: 'Minimum number of remembered passwords.', default: 24 } },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const policy = iamView(ctx.snapshot, ctx.account.id).passwordPolicy();
    if (!policy.ok) return [failedResult(ctx, policy.failed, resource)];
    const evidence = { api: 'iam:GetAccountPasswordPolicy', field: 'PasswordPolicy.PasswordReusePrevention' };
    const wanted = Number(ctx.parameters.PasswordReusePrevention);
    if (policy.value === null) return [fail(ctx, GLOBAL, resource, 'the account has no password policy (iam:GetAccountPasswordPolicy NoSuchEntity)', evidence)];
    const reuse = policy.value.PasswordReusePrevention ?? 0;
    return reuse >= wanted
      ? [pass(ctx, GLOBAL, resource, `PasswordReusePrevention is ${reuse} (iam:GetAccountPasswordPolicy)`, evidence)]
      : [fail(ctx, GLOBAL, resource, `PasswordReusePrevention is ${reuse || 'not set'}, below ${wanted} (iam:GetAccountPasswordPolicy)`, evidence)];
  },
});
