import { defineCheck } from '../../check.ts';
import { behaviors, eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/**
 * FSBP CloudFront.9 / Config cloudfront-traffic-to-origin-encrypted: custom origins must use
 * https-only, or match-viewer when no behavior allows HTTP viewers.
 */
export default defineCheck({
  title: 'CloudFront distributions should encrypt traffic to custom origins',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks each custom origin\'s OriginProtocolPolicy (ListDistributions → Origins.Items[].CustomOriginConfig): http-only fails; match-viewer fails when a cache behavior allows HTTP viewers.',
  risk: 'Traffic between the edge and the origin travels the internet; without TLS it can be read or changed in transit.',
  remediation: {
    text: 'Set the origin protocol policy to HTTPS only and serve a valid certificate on the origin.',
    console: 'CloudFront console → Distributions → select → Origins → select the origin → Edit → Protocol: HTTPS only → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # CustomOriginConfig.OriginProtocolPolicy = https-only',
    cloudformation: 'CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols: [TLSv1.2]',
    terraform: 'custom_origin_config {\n  origin_protocol_policy = "https-only"\n  origin_ssl_protocols   = ["TLSv1.2"]\n  http_port              = 80\n  https_port             = 443\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-9', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-traffic-to-origin-encrypted.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const viewerHttp = behaviors(d).some((b) => b.policy === 'allow-all');
      const bad = (d.Origins?.Items ?? [])
        .filter((o) => o.CustomOriginConfig)
        .filter((o) => o.CustomOriginConfig!.OriginProtocolPolicy === 'http-only' || (o.CustomOriginConfig!.OriginProtocolPolicy === 'match-viewer' && viewerHttp))
        .map((o) => `${o.Id} (${o.CustomOriginConfig!.OriginProtocolPolicy})`);
      const evidence = { api: LIST, field: 'Origins.Items[].CustomOriginConfig.OriginProtocolPolicy', origins: bad };
      if (bad.length > 0) out.fail(GLOBAL, resource, `${d.Id} sends unencrypted traffic to origin(s) ${bad.join(', ')}`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id} encrypts traffic to its custom origins`, evidence);
    }),
});
