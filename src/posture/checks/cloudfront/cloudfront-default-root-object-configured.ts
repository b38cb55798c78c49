import { defineCheck } from '../../check.ts';
import { eachDistributionConfig, GLOBAL } from './_lib/distributions.ts';

/** FSBP CloudFront.1 / Config cloudfront-default-root-object-configured (needs GetDistributionConfig). */
export default defineCheck({
  title: 'CloudFront distributions should have a default root object configured',
  severity: 'HIGH',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that each distribution names a default root object (GetDistributionConfig → DistributionConfig.DefaultRootObject; ListDistributions does not return it).',
  risk: 'Without a default root object, a request for the root URL is passed to the origin, which may list the bucket\'s contents or expose the origin\'s default page.',
  remediation: {
    text: 'Set the default root object (for example index.html).',
    console: 'CloudFront console → Distributions → select → General → Settings → Edit → Default root object: index.html → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --default-root-object index.html',
    cloudformation: 'DistributionConfig:\n  DefaultRootObject: index.html',
    terraform: 'resource "aws_cloudfront_distribution" "this" {\n  default_root_object = "index.html"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-1', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-default-root-object-configured.html'],
  evaluate: (context) =>
    eachDistributionConfig(context, (out, d, config, resource) => {
      const evidence = { api: 'cloudfront:GetDistributionConfig', field: 'DistributionConfig.DefaultRootObject', value: config.DefaultRootObject ?? null };
      if (config.DefaultRootObject) out.pass(GLOBAL, resource, `${d.Id} has default root object ${config.DefaultRootObject}`, evidence);
      else out.fail(GLOBAL, resource, `${d.Id} has no default root object (DefaultRootObject is empty)`, evidence);
    }),
});
