import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.13 / Config cloudfront-s3-origin-access-control-enabled: S3 origins use origin access control. */
export default defineCheck({
  title: 'CloudFront distributions should use origin access control for S3 origins',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that every S3 origin (Origins.Items[].S3OriginConfig) has an origin access control (OriginAccessControlId) (ListDistributions). Distributions without S3 origins are NOT_APPLICABLE.',
  risk: 'Without origin access control the bucket must be readable some other way — often publicly — so users can bypass CloudFront, its WAF and its logging.',
  remediation: {
    text: 'Create an origin access control, attach it to the S3 origin, and allow only the CloudFront service principal (with AWS:SourceArn) in the bucket policy.',
    console: 'CloudFront console → Distributions → select → Origins → select the S3 origin → Edit → Origin access: Origin access control settings → Create control setting → Save; update the bucket policy as shown.',
    cli: 'aws cloudfront create-origin-access-control --origin-access-control-config Name=<name>,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3',
    cloudformation: 'Origins:\n  - Id: s3\n    DomainName: !GetAtt Bucket.RegionalDomainName\n    OriginAccessControlId: !GetAtt Oac.Id\n    S3OriginConfig: {OriginAccessIdentity: ""}',
    terraform: 'origin {\n  domain_name              = aws_s3_bucket.site.bucket_regional_domain_name\n  origin_id                = "s3"\n  origin_access_control_id = aws_cloudfront_origin_access_control.this.id\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-s3-origin-access-control-enabled.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const s3 = (d.Origins?.Items ?? []).filter((o) => o.S3OriginConfig);
      if (s3.length === 0) return out.notApplicable(GLOBAL, resource, `${d.Id} has no S3 origin`);
      const bad = s3.filter((o) => !o.OriginAccessControlId).map((o) => o.Id ?? '?');
      const evidence = { api: LIST, field: 'Origins.Items[].OriginAccessControlId', origins: bad };
      if (bad.length > 0) out.fail(GLOBAL, resource, `${d.Id} has S3 origin(s) without origin access control: ${bad.join(', ')} (OriginAccessControlId empty)`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id}: every S3 origin uses origin access control`, evidence);
    }),
});
