import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config root-account-hardware-mfa-enabled · CIS 1.5 (Level 2) · FSBP IAM.6. */
export default defineCheck({
  title: 'The root user uses a hardware MFA device',
  severity: 'CRITICAL',
  resourceType: 'AWS::::Account',
  description: 'Checks that root MFA is enabled and that no virtual MFA device is assigned to the root user (iam:ListVirtualMFADevices, serial …:mfa/root-account-mfa-device or User.Arn …:root).',
  risk: 'A virtual MFA on a phone shares the phone’s attack surface; a hardware key protects the most powerful credential better.',
  remediation: {
    text: 'Replace the root user’s virtual MFA device with a hardware MFA device (FIDO security key or hardware TOTP token).',
    console: 'Sign in as root → Security credentials → MFA → remove the virtual device → Assign MFA device → Security key or Hardware TOTP token.',
    cli: 'aws iam list-virtual-mfa-devices --query "VirtualMFADevices[?User.Arn==\'arn:aws:iam::<account-id>:root\']"',
    terraform: '# Hardware MFA for root is assigned by a person signed in as root; Terraform cannot do it.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/root-account-hardware-mfa-enabled.html',
  ],
  evaluate(ctx) {
    const iam = iamView(ctx.snapshot, ctx.account.id);
    const resource = accountResource(ctx);
    const summary = iam.accountSummary();
    if (!summary.ok) return [failedResult(ctx, summary.failed, resource)];
    if (summary.value.AccountMFAEnabled !== 1) {
      if (summary.value.AccountPasswordPresent === 0) return [pass(ctx, GLOBAL, resource, 'the root user has no password (iam:GetAccountSummary AccountPasswordPresent=0)', { api: 'iam:GetAccountSummary', field: 'SummaryMap.AccountPasswordPresent' })];
      return [fail(ctx, GLOBAL, resource, 'root MFA is not enabled at all (iam:GetAccountSummary AccountMFAEnabled=0)', { api: 'iam:GetAccountSummary', field: 'SummaryMap.AccountMFAEnabled' })];
    }
    const devices = iam.virtualMfaDevices();
    if (!devices.ok) return [failedResult(ctx, devices.failed, resource)];
    const rootArn = `:${ctx.account.id}:root`;
    const virtual = devices.value.find((d) => d.SerialNumber?.endsWith(':mfa/root-account-mfa-device') || d.User?.Arn?.endsWith(rootArn));
    return virtual
      ? [fail(ctx, GLOBAL, resource, `the root user's MFA is a virtual device ${virtual.SerialNumber} (iam:ListVirtualMFADevices)`, { api: 'iam:ListVirtualMFADevices', field: 'VirtualMFADevices[].SerialNumber' })]
      : [pass(ctx, GLOBAL, resource, 'root MFA is enabled and no virtual MFA device is assigned to root (iam:ListVirtualMFADevices)', { api: 'iam:ListVirtualMFADevices', field: 'VirtualMFADevices[].User.Arn' })];
  },
});
