import { defineCheck } from '../../check.ts';
import { isTrue, perReportUser } from '../../lib/iam.ts';

/** AWS Config mfa-enabled-for-iam-console-access · CIS 1.9 · FSBP IAM.5. */
export default defineCheck({
  title: 'IAM users with a console password have MFA enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::User',
  description: 'For every IAM user whose credential report shows password_enabled=true, checks mfa_active=true.',
  risk: 'A console password without MFA can be phished, guessed or reused from another breach.',
  remediation: {
    text: 'Assign an MFA device to each IAM user with console access, or remove the console password.',
    console: 'IAM → Users → user → Security credentials → Multi-factor authentication → Assign MFA device.',
    cli: 'aws iam enable-mfa-device --user-name <user> --serial-number <arn> --authentication-code1 <code> --authentication-code2 <code>',
    terraform: '# Require MFA with an IAM policy that denies actions when aws:MultiFactorAuthPresent is false (aws_iam_policy with a Deny + BoolIfExists condition).',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/mfa-enabled-for-iam-console-access.html',
  ],
  evaluate: (ctx) =>
    perReportUser(
      ctx,
      'password_enabled,mfa_active',
      (row) => (!isTrue(row.password_enabled) ? 'n/a' : isTrue(row.mfa_active) ? null : 'has a console password and no MFA (credential report password_enabled=true, mfa_active=false)'),
      (row) => `user ${row.user} has a console password and MFA`,
      'the user has no console password',
    ),
});
