import { s3View } from '../../../inventory/views/s3.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-versioning-enabled (parameter isMfaDeleteEnabled) · FSBP S3.14. */
export default defineCheck({
  title: 'S3 buckets have versioning enabled',
  severity: 'LOW',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks s3:GetBucketVersioning Status=Enabled, and MFADelete=Enabled when isMfaDeleteEnabled is true.',
  risk: 'Without versioning, overwritten or deleted objects (ransomware, mistakes) cannot be recovered.',
  remediation: {
    text: 'Enable versioning on the bucket.',
    console: 'S3 → bucket → Properties → Bucket Versioning → Edit → Enable.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    terraform: 'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-versioning-enabled.html'],
  parameters: { isMfaDeleteEnabled: { description: 'Also require MFA delete.', default: false } },
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const versioning = s3View(ctx.snapshot, ctx.account.id).versioning(bucket);
      if (!versioning.ok) return failedResult(ctx, versioning.failed, resource);
      const evidence = { api: 's3:GetBucketVersioning', field: 'Status' };
      if (versioning.value.Status !== 'Enabled') return fail(ctx, GLOBAL, resource, `bucket ${bucket} versioning is ${versioning.value.Status ?? 'never enabled'} (s3:GetBucketVersioning Status)`, evidence);
      const wantMfa = ctx.parameters.isMfaDeleteEnabled === true || ctx.parameters.isMfaDeleteEnabled === 'true';
      if (wantMfa && versioning.value.MFADelete !== 'Enabled') return fail(ctx, GLOBAL, resource, `bucket ${bucket} has versioning but MFADelete is ${versioning.value.MFADelete ?? 'Disabled'} (s3:GetBucketVersioning MFADelete)`, { ...evidence, field: 'MFADelete' });
      return pass(ctx, GLOBAL, resource, `bucket ${bucket} has versioning enabled`, evidence);
    }),
});
