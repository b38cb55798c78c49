import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com`, `bucket.s3-us-west-2.amazonaws.com` → bucket. */
function bucketOf(domain: string): string | undefined {
  return /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(domain)?.[1];
}

/**
 * FSBP CloudFront.12 / Config cloudfront-s3-origin-non-existent-bucket: every S3 origin must name
 * a bucket that exists. Vigil cannot probe buckets (AWS Config sends HeadBucket), so it looks the
 * bucket up in this account's s3:ListBuckets: found → PASS; not found → FAIL, since a dangling
 * origin can be taken over by whoever creates that bucket name (suppress the finding when the
 * bucket deliberately lives in another account). Other accounts' data is not read, so that the
 * engine can evaluate one account at a time. Without this account's ListBuckets the result is ERROR.
 */
export default defineCheck({
  title: 'CloudFront distributions should not point to non-existent S3 origins',
  severity: 'HIGH',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that each S3 origin (Origins.Items[].DomainName of ListDistributions) names a bucket found in the account\'s s3:ListBuckets.',
  risk: 'If the origin bucket was deleted, anyone can create a bucket with that name and serve their content through your distribution and domain.',
  remediation: {
    text: 'Recreate the bucket in your account or point the origin at an existing bucket (or remove the origin).',
    console: 'CloudFront console → Distributions → select → Origins → select the S3 origin → Edit → choose an existing bucket, or Delete → Save changes.',
    cli: 'aws s3api create-bucket --bucket <origin-bucket>\naws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json',
    terraform: 'origin {\n  domain_name = aws_s3_bucket.site.bucket_regional_domain_name\n  origin_id   = "s3"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistS3AndCustomOrigins.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-12', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-s3-origin-non-existent-bucket.html'],
  evaluate(context) {
    const own = context.snapshot.call<{ Buckets?: Array<{ Name?: string }> }>(context.account.id, 's3', 'ListBuckets', 'us-east-1');
    const known = new Set(own.kind === 'data' ? (own.data.Buckets ?? []).map((bucket) => bucket.Name ?? '') : []);
    return eachDistribution(context, (out, d, resource) => {
      const s3 = (d.Origins?.Items ?? []).filter((o) => o.S3OriginConfig || bucketOf(o.DomainName ?? ''));
      if (s3.length === 0) return out.notApplicable(GLOBAL, resource, `${d.Id} has no S3 origin`);
      if (own.kind !== 'data') return out.unavailable(GLOBAL, resource, 's3', 'ListBuckets', own);
      const missing = s3.map((o) => bucketOf(o.DomainName ?? '') ?? o.DomainName ?? '').filter((bucket) => !known.has(bucket));
      const evidence = { api: `${LIST}, s3:ListBuckets`, field: 'Origins.Items[].DomainName', missing };
      if (missing.length > 0) out.fail(GLOBAL, resource, `${d.Id} points to S3 bucket(s) not in this account's s3:ListBuckets: ${missing.join(', ')} (if a bucket belongs to another account, suppress this finding)`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id}: every S3 origin bucket exists`, evidence);
    });
  },
});
