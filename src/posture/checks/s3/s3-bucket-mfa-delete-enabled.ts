import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 2.1.2: MFA Delete is enabled on S3 buckets. */
export default defineCheck({
  title: 'S3 buckets have MFA Delete enabled',
  severity: 'LOW',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetBucketVersioning MFADelete=Enabled (with versioning Enabled).',
  risk: 'Without MFA Delete, stolen credentials alone can suspend versioning and permanently delete object versions.',
  remediation: {
    text: 'As the root user with MFA, enable MFA Delete on the bucket.',
    console: 'MFA Delete cannot be enabled in the console; use the CLI as root.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<account>:mfa/root-account-mfa-device <code>"',
    terraform: 'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  mfa    = "<serial> <code>"\n  versioning_configuration {\n    status     = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const versioning = s3View(ctx.snapshot, ctx.account.id).versioning(bucket);
      if (!versioning.ok) return failedResult(ctx, versioning.failed, resource);
      const evidence = { api: 's3:GetBucketVersioning', field: 'MFADelete' };
      return versioning.value.MFADelete === 'Enabled' && versioning.value.Status === 'Enabled'
        ? pass(ctx, GLOBAL, resource, `bucket ${bucket} has MFA Delete enabled`, evidence)
        : fail(ctx, GLOBAL, resource, `bucket ${bucket} MFADelete is ${versioning.value.MFADelete ?? 'Disabled'}, versioning ${versioning.value.Status ?? 'off'} (s3:GetBucketVersioning)`, evidence);
    }),
});
