import { defineCheck } from '../../check.ts';
import { isTrue, perReportUser } from '../../lib/iam.ts';

/** AWS Config iam-user-mfa-enabled · FSBP-adjacent IAM.19: every IAM user has MFA. */
export default defineCheck({
  title: 'Every IAM user has MFA enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::User',
  description: 'Checks mfa_active in the credential report for every IAM user.',
  risk: 'Users without MFA depend on a single secret.',
  remediation: {
    text: 'Assign an MFA device to every IAM user, or replace IAM users with federated roles.',
    console: 'IAM → Users → user → Security credentials → Assign MFA device.',
    cli: 'aws iam list-mfa-devices --user-name <user>',
    terraform: 'resource "aws_iam_virtual_mfa_device" "user" {\n  virtual_mfa_device_name = "<user>"\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/iam-user-mfa-enabled.html'],
  evaluate: (ctx) =>
    perReportUser(ctx, 'mfa_active', (row) => (isTrue(row.mfa_active) ? null : 'has no MFA device (credential report mfa_active=false)'), (row) => `user ${row.user} has MFA`),
});
