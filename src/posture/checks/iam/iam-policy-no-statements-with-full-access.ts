import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { fullServiceActions } from '../../lib/policy.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config iam-policy-no-statements-with-full-access · FSBP IAM.21. */
export default defineCheck({
  title: 'Customer managed IAM policies do not allow wildcard actions for services',
  severity: 'LOW',
  resourceType: 'AWS::IAM::Policy',
  description: 'Checks the default version of each customer managed policy for Allow statements with "<service>:*" actions.',
  risk: 'Service-wide wildcards grant destructive and privilege-changing actions along with the intended ones.',
  remediation: {
    text: 'List the specific actions each statement needs instead of "<service>:*".',
    console: 'IAM → Policies → policy → Edit → replace "service:*" with explicit actions (use Access Advisor to see what is used).',
    cli: 'aws iam create-policy-version --policy-arn <arn> --policy-document file://explicit-actions.json --set-as-default',
    terraform: 'statement {\n  actions = ["s3:GetObject", "s3:PutObject"]  # not "s3:*"\n}',
  },
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-full-access.html'],
  evaluate(ctx) {
    const details = iamView(ctx.snapshot, ctx.account.id).authorizationDetails();
    if (!details.ok) return [failedResult(ctx, details.failed, accountResource(ctx))];
    const evidence = { api: 'iam:GetAccountAuthorizationDetails', field: 'Policies[].PolicyVersionList[].Document.Statement[].Action' };
    const customer = details.value.policies.filter((p) => !p.awsManaged);
    if (customer.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no customer managed policies', evidence)];
    return customer.map((policy) => {
      const resource = { type: 'AWS::IAM::Policy', id: policy.arn, name: policy.name };
      const wildcards = fullServiceActions(policy.defaultDocument);
      return wildcards.length > 0
        ? fail(ctx, GLOBAL, resource, `policy ${policy.name} allows ${[...new Set(wildcards)].join(', ')}`, evidence)
        : pass(ctx, GLOBAL, resource, `policy ${policy.name} has no service-wide wildcard actions`, evidence);
    });
  },
});
