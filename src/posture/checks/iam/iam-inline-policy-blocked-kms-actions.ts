import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { blockedKmsActionsOnAllKeys } from '../../lib/policy.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-inline-policy-blocked-kms-actions · FSBP KMS.2. */
export default defineCheck({
  title: 'Inline IAM policies do not allow KMS decryption on all keys',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::Role',
  description: 'Checks the inline policies of users, roles and groups for Allow statements granting blockedActionsPatterns on Resource "*".',
  risk: 'Decrypt on every key lets a principal read any data encrypted under keys that delegate to IAM.',
  remediation: {
    text: 'Scope kms:Decrypt and kms:ReEncryptFrom in inline policies to specific key ARNs.',
    console: 'IAM → Roles/Users/Groups → principal → Permissions → inline policy → Edit.',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://scoped-kms.json',
    terraform: 'resource "aws_iam_role_policy" "scoped" {\n  role   = "<role>"\n  policy = data.aws_iam_policy_document.scoped_kms.json\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/iam-inline-policy-blocked-kms-actions.html'],
  parameters: { blockedActionsPatterns: { description: 'Comma-separated KMS actions not allowed on all keys.', default: 'kms:Decrypt,kms:ReEncryptFrom' } },
  evaluate(ctx) {
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, accountResource(ctx))];
    const blocked = String(ctx.parameters.blockedActionsPatterns).split(',').map((s) => s.trim()).filter(Boolean);
    const principals = [
      ...details.value.users.map((p) => ({ type: 'AWS::IAM::User', ...p })),
      ...details.value.roles.map((p) => ({ type: 'AWS::IAM::Role', ...p })),
      ...details.value.groups.map((p) => ({ type: 'AWS::IAM::Group', ...p })),
    ].filter((p) => p.inlinePolicies.length > 0);
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'UserPolicyList,RolePolicyList,GroupPolicyList' };
    if (principals.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'no user, role or group has inline policies', evidence)];
    return principals.map((principal) => {
      const resource = { type: principal.type, id: principal.arn, name: principal.name };
      const found = principal.inlinePolicies.flatMap((p) => blockedKmsActionsOnAllKeys(p.document, blocked).map((a) => `${p.name}: ${a}`));
      return found.length > 0
        ? fail(ctx, GLOBAL, resource, `${principal.name} has inline policies allowing KMS actions on all keys (${found.join(', ')})`, evidence)
        : pass(ctx, GLOBAL, resource, `${principal.name}'s inline policies do not allow ${blocked.join(', ')} on all keys`, evidence);
    });
  },
});
