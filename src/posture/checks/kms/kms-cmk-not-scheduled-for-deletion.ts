import { defineCheck } from '../../check.ts';
import { perCustomerKey } from '../../lib/kms.ts';
import { fail, pass } from '../../lib/result.ts';

/** AWS Config kms-cmk-not-scheduled-for-deletion · FSBP KMS.3. */
export default defineCheck({
  title: 'Customer managed KMS keys are not scheduled for deletion',
  severity: 'CRITICAL',
  resourceType: 'AWS::KMS::Key',
  description: 'Checks kms:DescribeKey KeyState for PendingDeletion on customer managed keys.',
  risk: 'Once deleted, data encrypted under the key is unrecoverable; an unintended or malicious deletion destroys data.',
  remediation: {
    text: 'Cancel the key deletion if it was not intended.',
    console: 'KMS → Customer managed keys → key → Key actions → Cancel key deletion.',
    cli: 'aws kms cancel-key-deletion --key-id <key-id> && aws kms enable-key --key-id <key-id>',
    terraform: 'resource "aws_kms_key" "this" {\n  deletion_window_in_days = 30\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html', 'https://docs.aws.amazon.com/config/latest/developerguide/kms-cmk-not-scheduled-for-deletion.html'],
  evaluate: (ctx) =>
    perCustomerKey(ctx, (region, key, resource) => {
      const evidence = { api: 'kms:DescribeKey', field: 'KeyMetadata.KeyState' };
      return key.KeyState === 'PendingDeletion'
        ? fail(ctx, region, resource, `key ${key.KeyId} is scheduled for deletion on ${key.DeletionDate ?? 'an unknown date'} (kms:DescribeKey KeyState=PendingDeletion)`, evidence)
        : pass(ctx, region, resource, `key ${key.KeyId} is ${key.KeyState}`, evidence);
    }),
});
