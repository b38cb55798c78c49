import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, reportDate, rootRow } from '../../lib/iam.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.6 (eliminate use of the root user): flags recent root sign-ins and key use. */
export default defineCheck({
  title: 'The root user has not been used recently',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Checks the credential report for root password or access-key use within the last maxDaysSinceUse days.',
  risk: 'Day-to-day use of the root user breaks least privilege and exposes the one credential that cannot be restricted.',
  remediation: {
    text: 'Use IAM roles or IAM Identity Center for administration; keep root for the few tasks that require it, and rotate its password after use.',
    console: 'IAM → Credential report → download → check <root_account> password_last_used and access_key_N_last_used_date.',
    cli: "aws iam generate-credential-report && aws iam get-credential-report --query Content --output text | base64 -d | grep '<root_account>'",
    terraform: '# Alert on root use with the CIS 4.3 metric filter (see check cloudwatch-alarm-root-usage).',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
  ],
  parameters: { maxDaysSinceUse: { description: 'Root use within this many days is flagged.', default: 90 } },
  evaluate(ctx) {
    const iam = iamView(ctx.snapshot, ctx.account.id);
    const resource = accountResource(ctx);
    const report = iam.credentialReport();
    if (!report.ok) return [failedResult(ctx, report.failed, resource)];
    const root = rootRow(report.value);
    if (!root) return [failedResult(ctx, { service: 'iam', operation: 'GetCredentialReport', region: iam.region, call: { kind: 'missing' } }, resource)];
    const maxDays = Number(ctx.parameters.maxDaysSinceUse);
    const uses = (['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date'] as const)
      .map((field) => ({ field, date: reportDate(root[field]) }))
      .filter((use) => use.date && daysBetween(use.date, ctx.now) <= maxDays);
    const evidence = { api: 'iam:GetCredentialReport', field: 'password_last_used,access_key_1_last_used_date,access_key_2_last_used_date' };
    return uses.length > 0
      ? [fail(ctx, GLOBAL, resource, `the root user was used within ${maxDays} days: ${uses.map((u) => `${u.field}=${root[u.field]}`).join(', ')} (credential report)`, evidence)]
      : [pass(ctx, GLOBAL, resource, `no root password or access-key use in the last ${maxDays} days (credential report)`, evidence)];
  },
});
