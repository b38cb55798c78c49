import type { DomainInfo, DomainStatus } from '@aws-sdk/client-opensearch';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the OpenSearch Service responses in a snapshot. */
const S = 'opensearch';

export function domainNames(context: ViewContext): Array<RegionalList<DomainInfo>> {
  return listPerRegion<{ DomainNames?: DomainInfo[] }, DomainInfo>(context, S, 'ListDomainNames', (r) => r.DomainNames);
}
export function describeDomain(context: ViewContext, region: string, name: string): ResourceAnswer<{ DomainStatus?: DomainStatus }> {
  return perResource(context, S, 'DescribeDomain', region, name);
}
export function domainArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:es:${region}:${account}:domain/${name}`;
}
