import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { grantsAdmin } from '../../lib/policy.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-policy-no-statements-with-admin-access · CIS 1.15 · FSBP IAM.1. */
export default defineCheck({
  title: 'Customer managed IAM policies do not grant full "*:*" administrative access',
  severity: 'HIGH',
  resourceType: 'AWS::IAM::Policy',
  description: 'Checks the default version of each customer managed policy for a statement with Effect Allow, Action "*" and Resource "*" (iam:GetAccountAuthorizationDetails Policies[].PolicyVersionList).',
  risk: 'A policy allowing every action on every resource makes whoever holds it an administrator, against least privilege.',
  remediation: {
    text: 'Replace "*:*" statements with the specific actions and resources needed, or use AWS managed job-function policies.',
    console: 'IAM → Policies → policy → Edit → narrow Action and Resource; review attached entities under "Entities attached".',
    cli: 'aws iam create-policy-version --policy-arn <arn> --policy-document file://least-privilege.json --set-as-default',
    terraform: 'data "aws_iam_policy_document" "least" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::bucket/*"]\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-admin-access.html',
  ],
  parameters: { excludePermissionBoundaryPolicy: { description: 'Skip policies used only as permissions boundaries (not determinable from the snapshot; kept for parity).', default: false } },
  evaluate(ctx) {
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, accountResource(ctx))];
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'Policies[].PolicyVersionList[].Document' };
    const customer = details.value.policies.filter((p) => !p.awsManaged);
    if (customer.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no customer managed policies', evidence)];
    return customer.map((policy) => {
      const resource = { type: 'AWS::IAM::Policy', id: policy.arn, name: policy.name };
      return grantsAdmin(policy.defaultDocument)
        ? fail(ctx, GLOBAL, resource, `policy ${policy.name} allows Action "*" on Resource "*" (attached ${policy.attachmentCount} time(s))`, evidence)
        : pass(ctx, GLOBAL, resource, `policy ${policy.name} has no "*:*" statement`, evidence);
    });
  },
});
