import type { CertificateDetail, CertificateSummary } from '@aws-sdk/client-acm';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the ACM responses in a snapshot. */
const S = 'acm';

export function certificates(context: ViewContext): Array<RegionalList<CertificateSummary>> {
  return listPerRegion<{ CertificateSummaryList?: CertificateSummary[] }, CertificateSummary>(context, S, 'ListCertificates', (r) => r.CertificateSummaryList);
}
/** DescribeCertificate, keyed by certificate ARN. */
export function describeCertificate(context: ViewContext, region: string, arn: string): ResourceAnswer<{ Certificate?: CertificateDetail }> {
  return perResource(context, S, 'DescribeCertificate', region, arn);
}
