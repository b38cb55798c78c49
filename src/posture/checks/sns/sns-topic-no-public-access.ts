import { snsView } from '../../../inventory/views/sns.ts';
import { defineCheck } from '../../check.ts';
import { publicStatements } from '../../lib/policy.ts';
import { accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** FSBP SNS.4: SNS topic access policies do not allow public access. */
export default defineCheck({
  title: 'SNS topic policies do not allow public access',
  severity: 'CRITICAL',
  resourceType: 'AWS::SNS::Topic',
  description: 'Checks each topic’s Policy attribute (sns:GetTopicAttributes) for Allow statements with Principal "*" and no restricting condition (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID…).',
  risk: 'Anyone could publish to or subscribe to the topic, injecting messages or reading notifications.',
  remediation: {
    text: 'Restrict the topic policy to specific accounts, services or organization.',
    console: 'SNS → Topics → topic → Edit → Access policy.',
    cli: 'aws sns set-topic-attributes --topic-arn <arn> --attribute-name Policy --attribute-value file://policy.json',
    terraform: 'resource "aws_sns_topic_policy" "this" {\n  arn    = aws_sns_topic.this.arn\n  policy = data.aws_iam_policy_document.topic.json\n}',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html'],
  evaluate(ctx) {
    const view = snsView(ctx.snapshot, ctx.account.id);
    return ctx.regions.flatMap((region) => {
      const topics = view.topics(region);
      if (!topics.ok) return [failedResult(ctx, topics.failed, accountResource(ctx))];
      return topics.value.map((arn) => {
        const resource = { type: 'AWS::SNS::Topic', id: arn, name: arn.split(':').pop() };
        const attributes = view.attributes(region, arn);
        if (!attributes.ok) return failedResult(ctx, attributes.failed, resource);
        const open = publicStatements(attributes.value.policy);
        const evidence = { api: 'sns:GetTopicAttributes', field: 'Attributes.Policy' };
        return open.length > 0
          ? fail(ctx, region, resource, `topic ${resource.name}'s policy allows everyone ${open.map((s) => JSON.stringify(s.Action)).join(', ')} (sns:GetTopicAttributes Policy)`, evidence)
          : pass(ctx, region, resource, `topic ${resource.name}'s policy is not public`, evidence);
      });
    });
  },
});
