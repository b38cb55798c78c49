import { defineCheck } from '../../check.ts';
import { stringParam } from '../ec2/_lib/results.ts';
import { eachDistributionConfig, GLOBAL } from './_lib/distributions.ts';

/** FSBP CloudFront.5 / Config cloudfront-accesslogs-enabled (S3BucketName optional; needs GetDistributionConfig). */
export default defineCheck({
  title: 'CloudFront distributions should have logging enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that standard (legacy S3) access logging is on (GetDistributionConfig → DistributionConfig.Logging.Enabled) and, when S3BucketName is set, that logs go to that bucket (Logging.Bucket).',
  risk: 'Without access logs there is no record of requests to investigate attacks, scraping or data leaks through the CDN.',
  remediation: {
    text: 'Enable standard logging to an S3 bucket (ACLs enabled for the log bucket).',
    console: 'CloudFront console → Distributions → select → General → Settings → Edit → Standard logging: On → S3 bucket → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # Logging {Enabled: true, Bucket: <bucket>.s3.amazonaws.com}',
    cloudformation: 'Logging:\n  Bucket: !GetAtt LogBucket.DomainName\n  IncludeCookies: false',
    terraform: 'logging_config {\n  bucket          = aws_s3_bucket.cf_logs.bucket_domain_name\n  include_cookies = false\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-accesslogs-enabled.html'],
  parameters: {
    S3BucketName: { description: 'Name of the S3 bucket the access logs must go to (optional).', default: '' },
  },
  evaluate(context) {
    const bucket = stringParam(context.parameters, 'S3BucketName');
    return eachDistributionConfig(context, (out, d, config, resource) => {
      const logging = config.Logging;
      const evidence = { api: 'cloudfront:GetDistributionConfig', field: 'DistributionConfig.Logging', enabled: logging?.Enabled ?? false, bucket: logging?.Bucket ?? null };
      if (logging?.Enabled !== true) out.fail(GLOBAL, resource, `${d.Id} has access logging off (Logging.Enabled = false)`, evidence);
      else if (bucket && !(logging.Bucket ?? '').startsWith(`${bucket}.`)) out.fail(GLOBAL, resource, `${d.Id} logs to ${logging.Bucket}, not to ${bucket} (Logging.Bucket)`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id} logs to ${logging.Bucket}`, evidence);
    });
  },
});
