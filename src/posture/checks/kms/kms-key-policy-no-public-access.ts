import { kmsView } from '../../../inventory/views/kms.ts';
import { defineCheck } from '../../check.ts';
import { perCustomerKey } from '../../lib/kms.ts';
import { publicStatements } from '../../lib/policy.ts';
import { fail, failedResult, pass } from '../../lib/result.ts';

/** FSBP KMS.5: KMS key policies do not allow access to everyone. */
export default defineCheck({
  title: 'KMS keys are not publicly accessible',
  severity: 'CRITICAL',
  resourceType: 'AWS::KMS::Key',
  description: 'Checks each customer managed key’s policy (kms:GetKeyPolicy) for Allow statements with Principal "*" and no condition restricting the caller (aws:PrincipalOrgID, kms:CallerAccount, aws:SourceAccount…).',
  risk: 'A public key policy lets anyone use the key to decrypt data or to encrypt (ransom) data.',
  remediation: {
    text: 'Remove Principal "*" statements or pin them with a condition such as kms:CallerAccount or aws:PrincipalOrgID.',
    console: 'KMS → key → Key policy → Edit.',
    cli: 'aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://policy.json',
    terraform: 'resource "aws_kms_key_policy" "this" {\n  key_id = aws_kms_key.this.id\n  policy = data.aws_iam_policy_document.key.json\n}',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-5'],
  evaluate: (ctx) =>
    perCustomerKey(ctx, (region, key, resource) => {
      const policy = kmsView(ctx.snapshot, ctx.account.id).policy(region, key.KeyId ?? '');
      if (!policy.ok) return failedResult(ctx, policy.failed, resource);
      const open = publicStatements(policy.value);
      const evidence = { api: 'kms:GetKeyPolicy', field: 'Policy.Statement[].Principal' };
      return open.length > 0
        ? fail(ctx, region, resource, `key ${key.KeyId}'s policy allows everyone: ${open.map((s) => s.Sid ?? JSON.stringify(s.Action)).join(', ')} (kms:GetKeyPolicy)`, evidence)
        : pass(ctx, region, resource, `key ${key.KeyId}'s policy grants nothing to everyone`, evidence);
    }),
});
