import { defineCheck } from '../../check.ts';
import { eachDistribution, GLOBAL, LIST } from './_lib/distributions.ts';

/** FSBP CloudFront.7 / Config cloudfront-custom-ssl-certificate. */
export default defineCheck({
  title: 'CloudFront distributions should use custom SSL/TLS certificates',
  severity: 'LOW',
  resourceType: 'AWS::CloudFront::Distribution',
  description: 'Checks that the distribution uses a custom certificate (ACM or IAM) rather than the default *.cloudfront.net certificate (ListDistributions → ViewerCertificate.CloudFrontDefaultCertificate).',
  risk: 'With the default certificate, users reach the site on a cloudfront.net name you do not control, which makes phishing look-alikes easy and prevents modern TLS policies.',
  remediation: {
    text: 'Add alternate domain names and an ACM certificate (in us-east-1) covering them.',
    console: 'CloudFront console → Distributions → select → General → Settings → Edit → Alternate domain names → Custom SSL certificate → choose the ACM certificate → Save changes.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://cfg.json  # ViewerCertificate.ACMCertificateArn',
    cloudformation: 'ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
    terraform: 'viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.site.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = "TLSv1.2_2021"\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-alternate-domain-names.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-7', 'https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-custom-ssl-certificate.html'],
  evaluate: (context) =>
    eachDistribution(context, (out, d, resource) => {
      const cert = d.ViewerCertificate;
      const evidence = { api: LIST, field: 'ViewerCertificate', defaultCertificate: cert?.CloudFrontDefaultCertificate ?? null, certificateSource: cert?.CertificateSource ?? null };
      const custom = cert?.CloudFrontDefaultCertificate !== true && Boolean(cert?.ACMCertificateArn || cert?.IAMCertificateId || (cert?.CertificateSource && cert.CertificateSource !== 'cloudfront'));
      if (custom) out.pass(GLOBAL, resource, `${d.Id} uses a custom certificate (${cert?.ACMCertificateArn ?? cert?.IAMCertificateId ?? cert?.CertificateSource})`, evidence);
      else out.fail(GLOBAL, resource, `${d.Id} uses the default CloudFront certificate (ViewerCertificate.CloudFrontDefaultCertificate = true)`, evidence);
    }),
});
