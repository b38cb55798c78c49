import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.7: the password policy requires at least 14 characters. */
export default defineCheck({
  title: 'The IAM password policy requires a minimum length of 14 or more',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Checks MinimumPasswordLength of the account password policy (iam:GetAccountPasswordPolicy).',
  risk: 'Short passwords are easier to brute-force.',
  remediation: {
    text: 'Set the minimum password length to 14 or more.',
    console: 'IAM → Account settings → Password policy → Edit → Minimum password length: 14.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14',
    terraform: 'resource "aws_iam_account_password_policy" "this" {\n  minimum_password_length = 14\n}',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html'],
  parameters: { MinimumPasswordLength: { description: 'Minimum acceptable length.', default: 14 } },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const policy = iamView(ctx.snapshot, ctx.account.id).passwordPolicy();
    if (!policy.ok) return [failedResult(ctx, policy.failed, resource)];
    const evidence = { api: 'iam:GetAccountPasswordPolicy', field: 'PasswordPolicy.MinimumPasswordLength' };
    const minimum = Number(ctx.parameters.MinimumPasswordLength);
    if (policy.value === null) return [fail(ctx, GLOBAL, resource, 'the account has no password policy, so the default minimum of 8 applies (iam:GetAccountPasswordPolicy NoSuchEntity)', evidence)];
    const length = policy.value.MinimumPasswordLength ?? 0;
    return length >= minimum
      ? [pass(ctx, GLOBAL, resource, `MinimumPasswordLength is ${length} (iam:GetAccountPasswordPolicy)`, evidence)]
      : [fail(ctx, GLOBAL, resource, `MinimumPasswordLength is ${length}, below ${minimum} (iam:GetAccountPasswordPolicy)`, evidence)];
  },
});
