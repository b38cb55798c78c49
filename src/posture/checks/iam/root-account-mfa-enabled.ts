import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { isTrue, rootRow } from '../../lib/iam.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config root-account-mfa-enabled · CIS 1.4 · FSBP IAM.9. */
export default defineCheck({
  title: 'The root user has MFA enabled',
  severity: 'CRITICAL',
  resourceType: 'AWS::::Account',
  description: 'Checks that the root user signs in with MFA (GetAccountSummary AccountMFAEnabled=1), or has no console password at all (AccountPasswordPresent=0, centralized root access).',
  risk: 'A root password alone is a single factor protecting unrestricted control of the account.',
  remediation: {
    text: 'Sign in as the root user and assign an MFA device (hardware key or a dedicated, non-personal virtual device), or remove root credentials with centralized root access.',
    console: 'Sign in as root → Security credentials → Multi-factor authentication (MFA) → Assign MFA device.',
    cli: 'aws iam get-account-summary --query "SummaryMap.[AccountMFAEnabled,AccountPasswordPresent]"',
    terraform: '# Root MFA cannot be set by Terraform. With AWS Organizations, use aws_iam_organizations_features (RootCredentialsManagement) to remove member root credentials.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/root-account-mfa-enabled.html',
  ],
  evaluate(ctx) {
    const iam = iamView(ctx.snapshot, ctx.account.id);
    const resource = accountResource(ctx);
    const summary = iam.accountSummary();
    if (summary.ok && summary.value.AccountMFAEnabled !== undefined) {
      const evidence = { api: 'iam:GetAccountSummary', field: 'SummaryMap.AccountMFAEnabled' };
      if (summary.value.AccountMFAEnabled === 1) return [pass(ctx, GLOBAL, resource, 'root MFA is enabled (iam:GetAccountSummary AccountMFAEnabled=1)', evidence)];
      if (summary.value.AccountPasswordPresent === 0) return [pass(ctx, GLOBAL, resource, 'the root user has no password (iam:GetAccountSummary AccountPasswordPresent=0), so it cannot sign in to the console', evidence)];
      return [fail(ctx, GLOBAL, resource, 'root MFA is not enabled (iam:GetAccountSummary AccountMFAEnabled=0)', evidence)];
    }
    const report = iam.credentialReport();
    if (!report.ok) return [failedResult(ctx, summary.ok ? report.failed : summary.failed, resource)];
    const root = rootRow(report.value);
    if (!root) return [failedResult(ctx, { service: 'iam', operation: 'GetCredentialReport', region: iam.region, call: { kind: 'missing' } }, resource)];
    const evidence = { api: 'iam:GetCredentialReport', field: 'mfa_active' };
    if (isTrue(root.mfa_active)) return [pass(ctx, GLOBAL, resource, 'root MFA is enabled (credential report mfa_active=true)', evidence)];
    if (root.password_enabled?.toLowerCase() === 'false') return [pass(ctx, GLOBAL, resource, 'the root user has no password (credential report password_enabled=false)', evidence)];
    return [fail(ctx, GLOBAL, resource, 'root MFA is not enabled (credential report mfa_active=false)', evidence)];
  },
});
