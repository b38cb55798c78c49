import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { isTrue, rootRow } from '../../lib/iam.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-root-access-key-check · CIS 1.3 · FSBP IAM.4. */
export default defineCheck({
  title: 'The root user has no access keys',
  severity: 'CRITICAL',
  resourceType: 'AWS::::Account',
  description: 'Checks that the root user of the account has no access keys (IAM GetAccountSummary AccountAccessKeysPresent, or the credential report).',
  risk: 'Root access keys give unrestricted, long-lived programmatic access to every resource and cannot be limited by IAM policies.',
  remediation: {
    text: 'Sign in as the root user and delete its access keys; use IAM roles for programmatic access.',
    console: 'Sign in as root → account menu → Security credentials → Access keys → Delete each key.',
    cli: 'aws iam get-account-summary --query SummaryMap.AccountAccessKeysPresent   # must be 0 (deletion needs root credentials)',
    terraform: '# Root access keys cannot be managed by Terraform; delete them as root and enforce with an SCP denying iam:CreateAccessKey for arn:aws:iam::*:root.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-root-access-key-check.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4',
  ],
  evaluate(ctx) {
    const iam = iamView(ctx.snapshot, ctx.account.id);
    const resource = accountResource(ctx);
    const summary = iam.accountSummary();
    if (summary.ok && summary.value.AccountAccessKeysPresent !== undefined) {
      return summary.value.AccountAccessKeysPresent > 0
        ? [fail(ctx, GLOBAL, resource, `the root user has access keys (iam:GetAccountSummary AccountAccessKeysPresent=${summary.value.AccountAccessKeysPresent})`, { api: 'iam:GetAccountSummary', field: 'SummaryMap.AccountAccessKeysPresent' })]
        : [pass(ctx, GLOBAL, resource, 'the root user has no access keys (iam:GetAccountSummary AccountAccessKeysPresent=0)', { api: 'iam:GetAccountSummary', field: 'SummaryMap.AccountAccessKeysPresent' })];
    }
    const report = iam.credentialReport();
    if (!report.ok) return [failedResult(ctx, summary.ok ? report.failed : summary.failed, resource)];
    const root = rootRow(report.value);
    if (!root) return [failedResult(ctx, { service: 'iam', operation: 'GetCredentialReport', region: iam.region, call: { kind: 'missing' } }, resource)];
    const active = [1, 2].filter((n) => isTrue(root[`access_key_${n}_active`]));
    return active.length > 0
      ? [fail(ctx, GLOBAL, resource, `the root user has active access key(s) ${active.join(', ')} (credential report access_key_N_active)`, { api: 'iam:GetCredentialReport', field: 'access_key_1_active,access_key_2_active' })]
      : [pass(ctx, GLOBAL, resource, 'the root user has no active access keys (credential report)', { api: 'iam:GetCredentialReport', field: 'access_key_1_active,access_key_2_active' })];
  },
});
