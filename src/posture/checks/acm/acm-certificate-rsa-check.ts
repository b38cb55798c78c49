import { certificates, describeCertificate } from '../../../inventory/views/acm.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP ACM.2 / Config acm-certificate-rsa-check: RSA keys must be at least 2048 bits; EC keys are NOT_APPLICABLE. */
export default defineCheck({
  title: 'RSA certificates managed by ACM should use a key length of at least 2,048 bits',
  severity: 'HIGH',
  resourceType: 'AWS::ACM::Certificate',
  description: 'Checks the key algorithm of each ACM certificate (DescribeCertificate → Certificate.KeyAlgorithm): RSA_1024 fails, RSA_2048 and above pass, EC keys are not evaluated.',
  risk: '1024-bit RSA keys are within reach of well-funded attackers; browsers and AWS services are dropping support for them.',
  remediation: {
    text: 'Request or import a replacement certificate with an RSA 2048-bit (or EC) key and switch the resources to it.',
    console: 'ACM console → Request certificate → Key algorithm: RSA 2048 (or ECDSA P-256) → request; then update load balancers and distributions to use it.',
    cli: 'aws acm request-certificate --domain-name example.com --validation-method DNS --key-algorithm RSA_2048',
    cloudformation: 'Type: AWS::CertificateManager::Certificate\nProperties:\n  DomainName: example.com\n  KeyAlgorithm: RSA_2048',
    terraform: 'resource "aws_acm_certificate" "this" {\n  domain_name   = "example.com"\n  key_algorithm = "RSA_2048"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/acm-certificate-rsa-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::ACM::Certificate');
    out.each(certificates(context), (summary, region) => {
      const arn = summary.CertificateArn ?? '';
      const resource = { type: 'AWS::ACM::Certificate', id: arn, name: summary.DomainName };
      const answer = describeCertificate(context, region, arn);
      const algorithm = answer.result.kind === 'data' ? answer.result.data.Certificate?.KeyAlgorithm : summary.KeyAlgorithm;
      if (!algorithm) return out.unanswered(region, resource, answer);
      const evidence = { api: answer.result.kind === 'data' ? 'acm:DescribeCertificate' : 'acm:ListCertificates', field: 'KeyAlgorithm', value: algorithm };
      const bits = /^RSA[_-](\d+)$/.exec(algorithm);
      if (!bits) return out.notApplicable(region, resource, `${summary.DomainName} uses ${algorithm}, not RSA`);
      if (Number(bits[1]) < 2048) out.fail(region, resource, `${summary.DomainName} uses a ${bits[1]}-bit RSA key (KeyAlgorithm ${algorithm})`, evidence);
      else out.pass(region, resource, `${summary.DomainName} uses ${algorithm}`, evidence);
    });
    return out.list;
  },
});
