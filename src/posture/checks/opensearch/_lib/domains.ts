import type { DomainStatus } from '@aws-sdk/client-opensearch';
import { describeDomain, domainArn, domainNames } from '../../../../inventory/views/opensearch.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

/**
 * Walks the OpenSearch domains (ListDomainNames, then DescribeDomain per domain name); a domain
 * whose DescribeDomain gave no data becomes ERROR naming the call.
 */
export function eachDomain(context: CheckContext, visit: (out: Results, domain: DomainStatus, region: string, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::OpenSearchService::Domain');
  out.each(domainNames(context), (info, region) => {
    const name = info.DomainName ?? '';
    const resource = { type: 'AWS::OpenSearchService::Domain', id: domainArn(out.partition, region, out.accountId, name), name };
    const answer = describeDomain(context, region, name);
    if (answer.result.kind !== 'data' || !answer.result.data.DomainStatus) return out.unanswered(region, resource, answer);
    const status = answer.result.data.DomainStatus;
    if (status.Deleted) return;
    visit(out, status, region, status.ARN ? { ...resource, id: status.ARN } : resource);
  });
  return out.list;
}

export function inVpc(domain: DomainStatus): boolean {
  return (domain.VPCOptions?.SubnetIds?.length ?? 0) > 0 || Boolean(domain.VPCOptions?.VPCId);
}

export const DESCRIBE = 'opensearch:DescribeDomain';
