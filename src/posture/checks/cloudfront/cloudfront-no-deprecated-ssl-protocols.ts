import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.10 / Config cloudfront-no-deprecated-ssl-protocols: no SSLv3 towards custom origins. */
export default defineCheck({
  title: 'CloudFront distributions should not use deprecated SSL protocols towards custom origins',
  severity: 'MEDIUM',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that no custom origin that CloudFront reaches over HTTPS allows SSLv3 (ListDistributions → Origins.Items[].CustomOriginConfig.OriginSslProtocols).',
  risk: 'SSLv3 is broken (POODLE); allowing it lets an attacker on the path downgrade and decrypt origin traffic.',
  remediation: {
    text: 'Allow only TLSv1.2 towards the origin.',
    console: 'CloudFront console → Distributions → select → Origins → select the origin → Edit → Minimum origin SSL protocol: TLSv1.2 → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # OriginSslProtocols Items ["TLSv1.2"]',
    cloudformation: 'CustomOriginConfig:\n  OriginSSLProtocols: [TLSv1.2]',
    terraform: 'custom_origin_config {\n  origin_ssl_protocols = ["TLSv1.2"]\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-no-deprecated-ssl-protocols.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const bad = (d.Origins?.Items ?? [])
        .filter((o) => o.CustomOriginConfig && o.CustomOriginConfig.OriginProtocolPolicy !== 'http-only')
        .filter((o) => (o.CustomOriginConfig!.OriginSslProtocols?.Items ?? []).includes('SSLv3'))
        .map((o) => o.Id ?? '?');
      const evidence = { api: LIST, field: 'Origins.Items[].CustomOriginConfig.OriginSslProtocols', origins: bad };
      if (bad.length > 0) out.fail(GLOBAL, resource, `${d.Id} allows SSLv3 towards origin(s) ${bad.join(', ')} (OriginSslProtocols)`, evidence);
      else out.pass(GLOBAL, resource, `${d.Id} allows no deprecated SSL protocol towards its origins`, evidence);
    }),
});
