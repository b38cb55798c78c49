import { snsView } from '../../../inventory/views/sns.ts';
import { defineCheck } from '../../check.ts';
import { accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config sns-encrypted-kms: SNS topics are encrypted at rest with KMS. */
export default defineCheck({
  title: 'SNS topics are encrypted at rest with KMS',
  severity: 'MEDIUM',
  resourceType: 'AWS::SNS::Topic',
  description: 'Checks the KmsMasterKeyId attribute of each topic (sns:GetTopicAttributes).',
  risk: 'Messages at rest in SNS are not protected by a key you control.',
  remediation: {
    text: 'Enable server-side encryption on the topic with a KMS key.',
    console: 'SNS → Topics → topic → Edit → Encryption → Enable.',
    cli: 'aws sns set-topic-attributes --topic-arn <arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns',
    terraform: 'resource "aws_sns_topic" "this" {\n  kms_master_key_id = "alias/aws/sns"\n}',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html', 'https://docs.aws.amazon.com/config/latest/developerguide/sns-encrypted-kms.html'],
  parameters: { kmsKeyIds: { description: 'Comma-separated allowed key ids/ARNs (empty: any).', default: '' } },
  evaluate(ctx) {
    const view = snsView(ctx.snapshot, ctx.account.id);
    const allowed = String(ctx.parameters.kmsKeyIds ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return ctx.regions.flatMap((region) => {
      const topics = view.topics(region);
      if (!topics.ok) return [failedResult(ctx, topics.failed, accountResource(ctx))];
      return topics.value.map((arn) => {
        const resource = { type: 'AWS::SNS::Topic', id: arn, name: arn.split(':').pop() };
        const attributes = view.attributes(region, arn);
        if (!attributes.ok) return failedResult(ctx, attributes.failed, resource);
        const key = attributes.value.raw.KmsMasterKeyId;
        const evidence = { api: 'sns:GetTopicAttributes', field: 'Attributes.KmsMasterKeyId' };
        if (!key) return fail(ctx, region, resource, `topic ${resource.name} has no KmsMasterKeyId (sns:GetTopicAttributes)`, evidence);
        if (allowed.length > 0 && !allowed.includes(key)) return fail(ctx, region, resource, `topic ${resource.name} uses key ${key}, not one of kmsKeyIds`, evidence);
        return pass(ctx, region, resource, `topic ${resource.name} is encrypted with ${key}`, evidence);
      });
    });
  },
});
