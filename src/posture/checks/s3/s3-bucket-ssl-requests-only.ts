import { s3View } from '../../../inventory/views/s3.ts';
import { statements } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { bucketResource, deniesInsecureTransport, perBucket } from '../../lib/s3.ts';
import { GLOBAL, fail, failedResult, pass } from '../../lib/result.ts';

/** AWS Config s3-bucket-ssl-requests-only · CIS 2.1.1 · FSBP S3.5. */
export default defineCheck({
  title: 'S3 bucket policies deny requests that do not use SSL/TLS',
  severity: 'MEDIUM',
  resourceType: 'AWS::S3::Bucket',
  description: 'Checks the bucket policy for a Deny statement for everyone on s3:* over the bucket’s objects with Condition Bool aws:SecureTransport=false (or NumericLessThan s3:TlsVersion).',
  risk: 'Without the deny, clients may read and write objects over plain HTTP, exposing data and credentials in transit.',
  remediation: {
    text: 'Add a statement denying s3:* to everyone when aws:SecureTransport is false.',
    console: 'S3 → bucket → Permissions → Bucket policy → Edit → add the Deny statement below.',
    cli: 'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
    cloudformation: 'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: "*"\n          Action: "s3:*"\n          Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n          Condition: {Bool: {"aws:SecureTransport": "false"}}',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit', 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html'],
  evaluate: (ctx) =>
    perBucket(ctx, (bucket) => {
      const resource = bucketResource(ctx, bucket);
      const policy = s3View(ctx.snapshot, ctx.account.id).policy(bucket);
      if (!policy.ok) return failedResult(ctx, policy.failed, resource);
      const evidence = { api: 's3:GetBucketPolicy', field: 'Policy.Statement[].Condition.Bool.aws:SecureTransport' };
      if (policy.value === null) return fail(ctx, GLOBAL, resource, `bucket ${bucket} has no bucket policy, so HTTP requests are allowed (s3:GetBucketPolicy NoSuchBucketPolicy)`, evidence);
      return statements(policy.value.document).some((s) => deniesInsecureTransport(s, bucket, ctx.snapshot.partition))
        ? pass(ctx, GLOBAL, resource, `bucket ${bucket}'s policy denies requests without TLS`, evidence)
        : fail(ctx, GLOBAL, resource, `bucket ${bucket}'s policy has no Deny for aws:SecureTransport=false (s3:GetBucketPolicy)`, evidence);
    }),
});
