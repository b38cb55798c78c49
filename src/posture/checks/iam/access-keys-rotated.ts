import { defineCheck } from '../../check.ts';
import { daysBetween, isTrue, perReportUser, reportDate } from '../../lib/iam.ts';

/** AWS Config access-keys-rotated · CIS 1.13 · FSBP IAM.3 (maxAccessKeyAge, default 90). */
export default defineCheck({
  title: 'Active access keys are rotated within maxAccessKeyAge days',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::User',
  description: 'For each active access key in the credential report, access_key_N_last_rotated must be within maxAccessKeyAge days.',
  risk: 'Old keys have had more time to leak (source code, laptops, CI logs) and still work.',
  remediation: {
    text: 'Create a new key, move applications to it, then deactivate and delete the old one.',
    console: 'IAM → Users → user → Security credentials → Create access key, then deactivate the old key.',
    cli: 'aws iam create-access-key --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <old> --status Inactive',
    terraform: '# Recreate aws_iam_access_key (e.g. with a time_rotating trigger) and update consumers.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_RotateAccessKey',
    'https://docs.aws.amazon.com/config/latest/developerguide/access-keys-rotated.html',
  ],
  parameters: { maxAccessKeyAge: { description: 'Maximum key age in days.', default: 90 } },
  evaluate: (ctx) => {
    const maxAge = Number(ctx.parameters.maxAccessKeyAge);
    return perReportUser(
      ctx,
      'access_key_N_last_rotated',
      (row) => {
        const active = [1, 2].filter((n) => isTrue(row[`access_key_${n}_active`]));
        if (active.length === 0) return 'n/a';
        const old = active.filter((n) => {
          const rotated = reportDate(row[`access_key_${n}_last_rotated`]);
          return rotated !== undefined && daysBetween(rotated, ctx.now) > maxAge;
        });
        return old.length > 0 ? old.map((n) => `access key ${n} last rotated ${row[`access_key_${n}_last_rotated`]} (more than ${maxAge} days)`).join('; ') : null;
      },
      (row) => `user ${row.user}'s active keys are younger than ${maxAge} days`,
      'the user has no active access key',
    );
  },
});
