import { iamView, type PasswordPolicy } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/**
 * AWS Config iam-password-policy · FSBP IAM.7. Each parameter is checked as AWS Config does:
 * Require* must be true when the parameter is true; MinimumPasswordLength and
 * PasswordReusePrevention at least the parameter; MaxPasswordAge at most the parameter (and
 * passwords must expire). No password policy at all is non-compliant.
 */
export default defineCheck({
  title: 'The IAM password policy meets the configured requirements',
  severity: 'MEDIUM',
  resourceType: 'AWS::::Account',
  description: 'Compares the account password policy (iam:GetAccountPasswordPolicy) with the rule parameters RequireUppercaseCharacters, RequireLowercaseCharacters, RequireSymbols, RequireNumbers, MinimumPasswordLength, PasswordReusePrevention and MaxPasswordAge.',
  risk: 'Weak, reused or never-expiring passwords make console credentials easier to guess or to replay after a leak.',
  remediation: {
    text: 'Set an account password policy with the required complexity, length, reuse prevention and maximum age.',
    console: 'IAM → Account settings → Password policy → Edit.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --password-reuse-prevention 24 --max-password-age 90',
    terraform: 'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length        = 14\n  require_symbols                = true\n  require_numbers                = true\n  require_uppercase_characters   = true\n  require_lowercase_characters   = true\n  password_reuse_prevention      = 24\n  max_password_age               = 90\n}',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-password-policy.html',
  ],
  parameters: {
    RequireUppercaseCharacters: { description: 'Require at least one uppercase character.', default: true },
    RequireLowercaseCharacters: { description: 'Require at least one lowercase character.', default: true },
    RequireSymbols: { description: 'Require at least one symbol.', default: true },
    RequireNumbers: { description: 'Require at least one number.', default: true },
    MinimumPasswordLength: { description: 'Minimum password length.', default: 14 },
    PasswordReusePrevention: { description: 'Number of previous passwords that cannot be reused.', default: 24 },
    MaxPasswordAge: { description: 'Number of days before a password expires.', default: 90 },
  },
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const policy = iamView(ctx.snapshot, ctx.account.id).passwordPolicy();
    if (!policy.ok) return [failedResult(ctx, policy.failed, resource)];
    const evidence = { api: 'iam:GetAccountPasswordPolicy', field: 'PasswordPolicy' };
    if (policy.value === null) return [fail(ctx, GLOBAL, resource, 'the account has no password policy (iam:GetAccountPasswordPolicy NoSuchEntity)', evidence)];
    const problems = passwordPolicyProblems(policy.value, ctx.parameters);
    return problems.length > 0
      ? [fail(ctx, GLOBAL, resource, `password policy: ${problems.join('; ')} (iam:GetAccountPasswordPolicy)`, evidence)]
      : [pass(ctx, GLOBAL, resource, 'the password policy meets every configured requirement (iam:GetAccountPasswordPolicy)', evidence)];
  },
});

const truthy = (value: unknown) => value === true || value === 'true';
const number = (value: unknown) => (value === undefined || value === null || value === '' ? undefined : Number(value));

export function passwordPolicyProblems(policy: PasswordPolicy, parameters: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const flag of ['RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'RequireSymbols', 'RequireNumbers'] as const) {
    if (truthy(parameters[flag]) && policy[flag] !== true) problems.push(`${flag} is ${policy[flag] ?? false}`);
  }
  const minimum = number(parameters.MinimumPasswordLength);
  if (minimum !== undefined && (policy.MinimumPasswordLength ?? 0) < minimum) problems.push(`MinimumPasswordLength is ${policy.MinimumPasswordLength ?? 'unset'} (< ${minimum})`);
  const reuse = number(parameters.PasswordReusePrevention);
  if (reuse !== undefined && (policy.PasswordReusePrevention ?? 0) < reuse) problems.push(`PasswordReusePrevention is ${policy.PasswordReusePrevention ?? 'unset'} (< ${reuse})`);
  const maxAge = number(parameters.MaxPasswordAge);
  if (maxAge !== undefined && (policy.ExpirePasswords === false || policy.MaxPasswordAge === undefined || policy.MaxPasswordAge > maxAge)) problems.push(`MaxPasswordAge is ${policy.MaxPasswordAge ?? 'unset'} (> ${maxAge} or passwords do not expire)`);
  return problems;
}
