import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { blockedKmsActionsOnAllKeys } from '../../lib/policy.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-customer-policy-blocked-kms-actions · FSBP KMS.1. */
export default defineCheck({
  title: 'Customer managed IAM policies do not allow KMS decryption on all keys',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::Policy',
  description: 'Checks customer managed policies for Allow statements granting any of blockedActionsPatterns (default kms:Decrypt, kms:ReEncryptFrom) on Resource "*".',
  risk: 'Decrypt on every key lets a principal read any data encrypted under any key whose key policy delegates to IAM.',
  remediation: {
    text: 'Scope KMS decryption permissions to the key ARNs the principal needs.',
    console: 'IAM → Policies → policy → Edit → set Resource to specific key ARNs for kms:Decrypt and kms:ReEncryptFrom.',
    cli: 'aws iam create-policy-version --policy-arn <arn> --policy-document file://scoped-kms.json --set-as-default',
    terraform: 'statement {\n  actions   = ["kms:Decrypt"]\n  resources = [aws_kms_key.app.arn]\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/iam-customer-policy-blocked-kms-actions.html'],
  parameters: { blockedActionsPatterns: { description: 'Comma-separated KMS actions not allowed on all keys.', default: 'kms:Decrypt,kms:ReEncryptFrom' } },
  evaluate(ctx) {
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, accountResource(ctx))];
    const blocked = String(ctx.parameters.blockedActionsPatterns).split(',').map((s) => s.trim()).filter(Boolean);
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'Policies[].PolicyVersionList[].Document' };
    const customer = details.value.policies.filter((p) => !p.awsManaged);
    if (customer.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no customer managed policies', evidence)];
    return customer.map((policy) => {
      const resource = { type: 'AWS::IAM::Policy', id: policy.arn, name: policy.name };
      const found = blockedKmsActionsOnAllKeys(policy.defaultDocument, blocked);
      return found.length > 0
        ? fail(ctx, GLOBAL, resource, `policy ${policy.name} allows ${found.join(', ')} on all KMS keys (Resource "*")`, evidence)
        : pass(ctx, GLOBAL, resource, `policy ${policy.name} does not allow ${blocked.join(', ')} on all keys`, evidence);
    });
  },
});
