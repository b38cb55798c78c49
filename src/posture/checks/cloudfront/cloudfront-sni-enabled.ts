import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.8 / Config cloudfront-sni-enabled: custom certificates served with SNI, not dedicated IPs. */
export default defineCheck({
  title: 'CloudFront distributions should use SNI to serve HTTPS requests',
  severity: 'LOW',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that distributions with a custom certificate use ViewerCertificate.SSLSupportMethod = sni-only (ListDistributions). Distributions on the default certificate are NOT_APPLICABLE.',
  risk: 'Dedicated-IP (vip) certificates serve legacy clients that lack SNI and modern TLS, and cost much more.',
  remediation: {
    text: 'Switch the SSL support method to SNI only.',
    console: 'CloudFront console → Distributions → select → General → Settings → Edit → Legacy clients support: off (SNI) → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # ViewerCertificate.SSLSupportMethod = sni-only',
    cloudformation: 'ViewerCertificate:\n  SslSupportMethod: sni-only',
    terraform: 'viewer_certificate {\n  ssl_support_method = "sni-only"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-https-dedicated-ip-or-sni.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-8', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-sni-enabled.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const cert = d.ViewerCertificate;
      if (cert?.CloudFrontDefaultCertificate === true || (!cert?.ACMCertificateArn && !cert?.IAMCertificateId)) return out.notApplicable(GLOBAL, resource, `${d.Id} uses the default CloudFront certificate`);
      const evidence = { api: LIST, field: 'ViewerCertificate.SSLSupportMethod', value: cert.SSLSupportMethod ?? null };
      if (cert.SSLSupportMethod === 'sni-only') out.pass(GLOBAL, resource, `${d.Id} serves HTTPS with SNI`, evidence);
      else out.fail(GLOBAL, resource, `${d.Id} serves its custom certificate with SSLSupportMethod = ${cert.SSLSupportMethod ?? 'unset'}, not sni-only`, evidence);
    }),
});
