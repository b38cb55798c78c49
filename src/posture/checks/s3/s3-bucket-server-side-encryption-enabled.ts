import { s3View } from '../../../inventory/views/s3.ts';
import { statements } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { asList } from '../../lib/policy.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/**
 * AWS Config s3-bucket-server-side-encryption-enabled: default encryption is configured, or the
 * bucket policy denies s3:PutObject without server-side encryption (AES256 or aws:kms).
 */
export default defineCheck({
  title: 'S3 buckets have server-side encryption enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetBucketEncryption for a default encryption rule, or a bucket policy denying unencrypted PutObject.',
  risk: 'Objects stored without encryption are readable from the underlying storage media and backups.',
  remediation: {
    text: 'Configure default encryption (SSE-S3 or SSE-KMS) on the bucket.',
    console: 'S3 → bucket → Properties → Default encryption → Edit → SSE-KMS or SSE-S3.',
    cli: 'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}\'',
    terraform: 'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-server-side-encryption-enabled.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const s3 = s3View(ctx.snapshot, ctx.account.id);
      const encryption = s3.encryption(bucket);
      if (!encryption.ok) return failedResult(ctx, encryption.failed, resource);
      const rule = encryption.value?.find((r) => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm);
      if (rule) return pass(ctx, GLOBAL, resource, `bucket ${bucket} encrypts by default with ${rule.ApplyServerSideEncryptionByDefault!.SSEAlgorithm} (s3:GetBucketEncryption)`, { api: 's3:GetBucketEncryption', field: 'ServerSideEncryptionConfiguration.Rules' });
      const policy = s3.policy(bucket);
      if (!policy.ok) return failedResult(ctx, policy.failed, resource);
      const denies = statements(policy.value?.document).some(
        (s) => s.Effect === 'Deny' && asList(s.Action).some((a) => a === 's3:PutObject' || a === 's3:*' || a === '*') && JSON.stringify(s.Condition ?? {}).includes('s3:x-amz-server-side-encryption'),
      );
      return denies
        ? pass(ctx, GLOBAL, resource, `bucket ${bucket}'s policy denies unencrypted uploads`, { api: 's3:GetBucketPolicy', field: 'Statement[].Condition' })
        : fail(ctx, GLOBAL, resource, `bucket ${bucket} has no default encryption (s3:GetBucketEncryption ServerSideEncryptionConfigurationNotFoundError) and its policy does not deny unencrypted uploads`, { api: 's3:GetBucketEncryption', field: 'ServerSideEncryptionConfiguration' });
    }),
});
