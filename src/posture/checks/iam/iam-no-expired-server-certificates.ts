import { iamView } from '../../../inventory/views/iam.ts';
import { defineCheck } from '../../check.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from '../../lib/result.ts';

/** CIS 1.18: expired SSL/TLS certificates stored in IAM are removed. */
export default defineCheck({
  title: 'No expired SSL/TLS server certificates are stored in IAM',
  severity: 'MEDIUM',
  resourceType: 'AWS::IAM::ServerCertificate',
  description: 'Compares each IAM server certificate’s Expiration with the scan time (iam:ListServerCertificates).',
  risk: 'An expired certificate can be deployed by mistake to a load balancer or CloudFront, breaking clients or training them to ignore errors.',
  remediation: {
    text: 'Delete expired server certificates from IAM (use ACM for new certificates).',
    console: 'IAM server certificates are not shown in the console; use the CLI.',
    cli: 'aws iam delete-server-certificate --server-certificate-name <name>',
    terraform: '# Remove the aws_iam_server_certificate resource for the expired certificate.',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html'],
  evaluate(ctx) {
    const certs = iamView(ctx.snapshot, ctx.account.id).serverCertificates();
    if (!certs.ok) return [failedResult(ctx, certs.failed, accountResource(ctx))];
    const evidence = { api: 'iam:ListServerCertificates', field: 'ServerCertificateMetadataList[].Expiration' };
    if (certs.value.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'no server certificates are stored in IAM', evidence)];
    return certs.value.map((cert) => {
      const resource = { type: 'AWS::IAM::ServerCertificate', id: cert.Arn ?? cert.ServerCertificateName ?? '', name: cert.ServerCertificateName };
      const expired = cert.Expiration !== undefined && Date.parse(cert.Expiration) < ctx.now.getTime();
      return expired
        ? fail(ctx, GLOBAL, resource, `certificate ${cert.ServerCertificateName} expired on ${cert.Expiration}`, evidence)
        : pass(ctx, GLOBAL, resource, `certificate ${cert.ServerCertificateName} is valid until ${cert.Expiration}`, evidence);
    });
  },
});
