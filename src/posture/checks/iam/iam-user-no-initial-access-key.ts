import { defineCheck } from '../../check.ts';
import { isTrue, perReportUser, reportDate } from '../../lib/iam.ts';

/** CIS 1.10: no access keys created with the user (console users) and never used. */
export default defineCheck({
  title: 'Console users have no unused access keys created during initial setup',
  severity: 'LOW',
  resourceType: 'AWS::IAM::User',
  description: 'For users with a console password, flags active access keys that were created within setupWindowMinutes of the user (access_key_N_last_rotated vs user_creation_time) and never used (access_key_N_last_used_date=N/A).',
  risk: 'Keys handed out "just in case" at user creation end up unused, unrotated and forgotten.',
  remediation: {
    text: 'Delete access keys that were created with the user and never used; let users create keys when they need them.',
    console: 'IAM → Users → user → Security credentials → Access keys → Delete.',
    cli: 'aws iam delete-access-key --user-name <user> --access-key-id <key>',
    terraform: '# Do not create aws_iam_access_key together with aws_iam_user_login_profile.',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html'],
  parameters: { setupWindowMinutes: { description: 'A key created this soon after the user counts as created at setup.', default: 10 } },
  evaluate: (ctx) =>
    perReportUser(
      ctx,
      'user_creation_time,access_key_N_last_rotated,access_key_N_last_used_date',
      (row) => {
        if (!isTrue(row.password_enabled)) return 'n/a';
        const created = reportDate(row.user_creation_time);
        const window = Number(ctx.parameters.setupWindowMinutes) * 60_000;
        const keys = [1, 2].filter((n) => {
          const rotated = reportDate(row[`access_key_${n}_last_rotated`]);
          return isTrue(row[`access_key_${n}_active`]) && !reportDate(row[`access_key_${n}_last_used_date`]) && created && rotated && Math.abs(rotated.getTime() - created.getTime()) <= window;
        });
        return keys.length > 0 ? `access key ${keys.join(', ')} was created with the user and never used (credential report)` : null;
      },
      (row) => `user ${row.user} has no unused setup-time access key`,
      'the user has no console password',
    ),
});
