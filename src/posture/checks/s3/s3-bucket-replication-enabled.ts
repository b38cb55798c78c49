import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass, result } from '../../lib/result.ts';

/** AWS Config s3-bucket-replication-enabled (parameter ReplicationType: CROSS-REGION or SAME-REGION) · FSBP S3.7. */
export default defineCheck({
  title: 'S3 buckets have replication enabled',
  severity: 'LOW',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetBucketReplication for at least one rule with Status Enabled; with ReplicationType set, the destination must be in another region (CROSS-REGION) or the same region (SAME-REGION).',
  risk: 'Without replication, a regional outage or a destructive change leaves no second copy of the data.',
  remediation: {
    text: 'Enable versioning and add a replication rule to a bucket in another region or account.',
    console: 'S3 → bucket → Management → Replication rules → Create replication rule.',
    cli: 'aws s3api put-bucket-replication --bucket <bucket> --replication-configuration file://replication.json',
    terraform: 'resource "aws_s3_bucket_replication_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  role   = aws_iam_role.replication.arn\n  rule {\n    status = "Enabled"\n    destination {\n      bucket = aws_s3_bucket.replica.arn\n    }\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-replication-enabled.html'],
  parameters: { ReplicationType: { description: 'CROSS-REGION or SAME-REGION (empty: any).', default: '' } },
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const s3 = s3View(ctx.snapshot, ctx.account.id);
      const replication = s3.replication(bucket);
      if (!replication.ok) return failedResult(ctx, replication.failed, resource);
      const evidence = { api: 's3:GetBucketReplication', field: 'ReplicationConfiguration.Rules[].Status' };
      const rules = (replication.value?.Rules ?? []).filter((r) => r.Status === 'Enabled');
      if (rules.length === 0) return fail(ctx, GLOBAL, resource, `bucket ${bucket} has no enabled replication rule (s3:GetBucketReplication)`, evidence);
      const type = String(ctx.parameters.ReplicationType ?? '').toUpperCase();
      if (!type) return pass(ctx, GLOBAL, resource, `bucket ${bucket} replicates to ${rules.map((r) => r.Destination?.Bucket).join(', ')}`, evidence);
      const source = s3.location(bucket);
      if (!source.ok) return failedResult(ctx, source.failed, resource);
      for (const rule of rules) {
        const target = rule.Destination?.Bucket?.split(':::').pop() ?? '';
        const destination = s3.location(target);
        if (!destination.ok) continue;
        const same = destination.value === source.value;
        if ((type === 'SAME-REGION') === same) return pass(ctx, GLOBAL, resource, `bucket ${bucket} (${source.value}) replicates to ${target} (${destination.value})`, evidence);
      }
      const known = rules.every((rule) => s3.location(rule.Destination?.Bucket?.split(':::').pop() ?? '').ok);
      return known
        ? fail(ctx, GLOBAL, resource, `bucket ${bucket} has no ${type} replication rule`, evidence)
        : result(ctx, 'ERROR', GLOBAL, resource, `bucket ${bucket} replicates to a bucket whose region is not in the snapshot (s3:GetBucketLocation of the destination): cannot tell if it is ${type}`, evidence);
    }),
});
