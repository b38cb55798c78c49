import { defineCheck } from '../../check.ts';
import { perReportUser, staleCredentials } from '../../lib/iam.ts';

/** AWS Config iam-user-unused-credentials-check · FSBP IAM.8 (maxCredentialUsageAge, default 90). */
export default defineCheck({
  title: 'IAM users have no credentials unused for longer than maxCredentialUsageAge days',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::User',
  description: 'Checks passwords and active access keys in the credential report against maxCredentialUsageAge (a never-used credential counts from its creation).',
  risk: 'Unused credentials can be misused without anyone noticing.',
  remediation: {
    text: 'Remove console passwords and deactivate access keys that are no longer used.',
    console: 'IAM → Users → user → Security credentials.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive',
    terraform: '# Delete the unused aws_iam_access_key / aws_iam_user_login_profile resources.',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/iam-user-unused-credentials-check.html'],
  parameters: { maxCredentialUsageAge: { description: 'Maximum number of days a credential may go unused.', default: 90 } },
  evaluate: (ctx) =>
    perReportUser(
      ctx,
      'password_last_used,access_key_N_last_used_date',
      (row) => {
        const stale = staleCredentials(row, ctx.now, Number(ctx.parameters.maxCredentialUsageAge));
        return stale.length > 0 ? `${stale.join('; ')} (credential report)` : null;
      },
      (row) => `user ${row.user}'s credentials were used within ${ctx.parameters.maxCredentialUsageAge} days`,
    ),
});
