import { kmsView } from '../../../inventory/views/kms.ts';
import { defineCheck } from '../../check.ts';
import { perCustomerKey } from '../../lib/kms.ts';
import { fail, failedResult, notApplicable, pass } from '../../lib/result.ts';

/** AWS Config cmk-backing-key-rotation-enabled · CIS 3.6 · FSBP KMS.4. */
export default defineCheck({
  title: 'Automatic rotation is enabled for customer managed symmetric KMS keys',
  severity: 'MEDIUM',
  resourceType: 'AWS::KMS::Key',
  description: 'For each enabled customer managed SYMMETRIC_DEFAULT key: kms:GetKeyRotationStatus KeyRotationEnabled=true. Asymmetric, HMAC, imported-material and pending-deletion keys cannot rotate and are not applicable.',
  risk: 'Without rotation, one key version protects data for years, widening the impact of a key compromise.',
  remediation: {
    text: 'Enable automatic key rotation.',
    console: 'KMS → Customer managed keys → key → Key rotation → Automatically rotate this KMS key every year.',
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
    terraform: 'resource "aws_kms_key" "this" {\n  enable_key_rotation = true\n}',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html', 'https://docs.aws.amazon.com/config/latest/developerguide/cmk-backing-key-rotation-enabled.html'],
  evaluate: (ctx) =>
    perCustomerKey(ctx, (region, key, resource) => {
      if ((key.KeySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT' || key.Origin === 'EXTERNAL' || key.KeyState === 'PendingDeletion' || key.KeyState === 'Disabled') {
        return notApplicable(ctx, region, resource, `key ${key.KeyId} (${key.KeySpec}, ${key.Origin}, ${key.KeyState}) cannot use automatic rotation`, { api: 'kms:DescribeKey', field: 'KeyMetadata.KeySpec' });
      }
      const rotation = kmsView(ctx.snapshot, ctx.account.id).rotationEnabled(region, key.KeyId ?? '');
      if (!rotation.ok) return failedResult(ctx, rotation.failed, resource);
      const evidence = { api: 'kms:GetKeyRotationStatus', field: 'KeyRotationEnabled' };
      return rotation.value
        ? pass(ctx, region, resource, `key ${key.KeyId} rotates automatically`, evidence)
        : fail(ctx, region, resource, `key ${key.KeyId} has KeyRotationEnabled=false (kms:GetKeyRotationStatus)`, evidence);
    }),
});
