import { defineCheck } from '../../check.ts';
import { isTrue, perReportUser } from '../../lib/iam.ts';

/** CIS 1.12: at most one active access key per IAM user. */
export default defineCheck({
  title: 'IAM users have at most one active access key',
  severity: 'LOW',
  resourceType: 'AWS::IAM::User',
  description: 'Checks access_key_1_active and access_key_2_active in the credential report.',
  risk: 'Two active keys usually means an old key was never retired and is still usable.',
  remediation: {
    text: 'Keep one active key per user; deactivate the other after confirming it is unused.',
    console: 'IAM → Users → user → Security credentials → Access keys → Actions → Deactivate.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <old-key> --status Inactive',
    terraform: 'resource "aws_iam_access_key" "old" {\n  user   = "<user>"\n  status = "Inactive"\n}',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  evaluate: (ctx) =>
    perReportUser(
      ctx,
      'access_key_1_active,access_key_2_active',
      (row) => (isTrue(row.access_key_1_active) && isTrue(row.access_key_2_active) ? 'has two active access keys (credential report access_key_1_active=access_key_2_active=true)' : null),
      (row) => `user ${row.user} has at most one active access key`,
    ),
});
