import { defineCheck } from '../../check.ts';
import { perReportUser, staleCredentials } from '../../lib/iam.ts';

/** CIS 1.11: credentials unused for 45 days or more are disabled. */
export default defineCheck({
  title: 'IAM credentials unused for 45 days or more are disabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::User',
  description: 'From the credential report: enabled passwords and active access keys must have been used (or, never used, created) within maxCredentialUsageAge days (45 by default, as CIS asks).',
  risk: 'Forgotten credentials of people who left or of abandoned automation are a standing way in.',
  remediation: {
    text: 'Disable console access and deactivate access keys that have not been used for 45 days.',
    console: 'IAM → Users → user → Security credentials → Console access: Disable; Access keys: Make inactive.',
    cli: 'aws iam delete-login-profile --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive',
    terraform: '# Remove aws_iam_user_login_profile / set aws_iam_access_key status = "Inactive" for unused credentials.',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html'],
  parameters: { maxCredentialUsageAge: { description: 'Days a credential may stay unused.', default: 45 } },
  evaluate: (ctx) =>
    perReportUser(
      ctx,
      'password_last_used,access_key_N_last_used_date,access_key_N_last_rotated',
      (row) => {
        const stale = staleCredentials(row, ctx.now, Number(ctx.parameters.maxCredentialUsageAge));
        return stale.length > 0 ? `unused for more than ${ctx.parameters.maxCredentialUsageAge} days: ${stale.join('; ')} (credential report)` : null;
      },
      (row) => `user ${row.user} has no credentials unused for more than ${ctx.parameters.maxCredentialUsageAge} days`,
    ),
});
