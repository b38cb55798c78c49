import { certificates, describeCertificate } from '../../../inventory/views/acm.ts';
import { defineCheck } from '../../check.ts';
import { daysBetween, intParam, Results, toDate } from '../ec2/_lib/results.ts';

/**
 * FSBP ACM.1 / Config acm-certificate-expiration-check: NON_COMPLIANT when a certificate expires
 * within daysToExpiration days (or has expired). NotAfter comes from DescribeCertificate (or the
 * ListCertificates summary, which carries it too). Certificates without a validity period yet
 * (pending validation, failed) are NOT_APPLICABLE.
 */
export default defineCheck({
  title: 'ACM certificates should be renewed before they expire',
  severity: 'MEDIUM',
  resourceType: 'AWS::ACM::Certificate',
  description: 'Checks that each ACM certificate (imported or ACM-issued) is valid for more than daysToExpiration days (DescribeCertificate → Certificate.NotAfter).',
  risk: 'An expired certificate breaks TLS for every client; an imported certificate is never renewed automatically, and an ACM one fails to renew when validation records go missing.',
  remediation: {
    text: 'Renew or re-import the certificate; for ACM-issued certificates make sure DNS validation records still exist so managed renewal succeeds.',
    console: 'ACM console → Certificates → select → check Renewal status; for imported certificates choose Reimport certificate with the renewed certificate.',
    cli: 'aws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem',
    cloudformation: 'Type: AWS::CertificateManager::Certificate\nProperties:\n  DomainName: example.com\n  ValidationMethod: DNS',
    terraform: 'resource "aws_acm_certificate" "this" {\n  domain_name       = "example.com"\n  validation_method = "DNS"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/acm-certificate-expiration-check.html',
  ],
  parameters: {
    daysToExpiration: { description: 'Number of days before the rule flags the ACM certificate.', default: 14 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::ACM::Certificate');
    const limit = intParam(context.parameters, 'daysToExpiration') ?? 14;
    out.each(certificates(context), (summary, region) => {
      const arn = summary.CertificateArn ?? '';
      const resource = { type: 'AWS::ACM::Certificate', id: arn, name: summary.DomainName };
      const answer = describeCertificate(context, region, arn);
      const detail = answer.result.kind === 'data' ? answer.result.data.Certificate : undefined;
      const notAfter = toDate(detail?.NotAfter ?? (answer.result.kind === 'data' ? undefined : summary.NotAfter));
      if (!detail && !notAfter) return out.unanswered(region, resource, answer);
      const status = detail?.Status ?? summary.Status;
      if (!notAfter) return out.notApplicable(region, resource, `${summary.DomainName} has no validity period yet (Status ${status ?? 'unknown'})`);
      const days = daysBetween(context.now, notAfter);
      const evidence = { api: detail ? 'acm:DescribeCertificate' : 'acm:ListCertificates', field: 'NotAfter', value: notAfter.toISOString(), type: detail?.Type ?? summary.Type ?? null };
      if (days < 0) out.fail(region, resource, `${summary.DomainName} expired on ${notAfter.toISOString()} (NotAfter)`, evidence);
      else if (days <= limit) out.fail(region, resource, `${summary.DomainName} expires on ${notAfter.toISOString()} (NotAfter), in ${Math.floor(days)} days — within daysToExpiration ${limit}`, evidence);
      else out.pass(region, resource, `${summary.DomainName} is valid until ${notAfter.toISOString()} (${Math.floor(days)} days)`, evidence);
    });
    return out.list;
  },
});
