import type { DistributionConfig, DistributionSummary } from '@aws-sdk/client-cloudfront';
import { distributionConfig, distributions } from '../../../../inventory/views/cloudfront.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

/** CloudFront is global: results carry region `global` (the snapshot records it under us-east-1). */
export const GLOBAL = 'global';
export const LIST = 'cloudfront:ListDistributions';

export function eachDistribution(context: CheckContext, visit: (out: Results, d: DistributionSummary, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::CloudFront::Distribution');
  for (const list of distributions(context)) {
    if (list.result.kind !== 'data') {
      out.unavailable(GLOBAL, out.regionResource(GLOBAL), list.service, list.operation, list.result);
      continue;
    }
    for (const d of list.items) visit(out, d, { type: 'AWS::CloudFront::Distribution', id: d.ARN ?? d.Id ?? '', name: d.DomainName });
  }
  return out.list;
}

/** Walks distributions with their full DistributionConfig (GetDistributionConfig); a missing config is ERROR. */
export function eachDistributionConfig(context: CheckContext, visit: (out: Results, d: DistributionSummary, config: DistributionConfig, resource: ResourceRef) => void): CheckResult[] {
  return eachDistribution(context, (out, d, resource) => {
    const answer = distributionConfig(context, d.Id ?? '');
    if (answer.result.kind !== 'data' || !answer.result.data.DistributionConfig) return out.unanswered(GLOBAL, resource, answer);
    visit(out, d, answer.result.data.DistributionConfig, resource);
  });
}

/** Every cache behavior: the default one and the path-pattern ones. */
export function behaviors(d: DistributionSummary): Array<{ path: string; policy?: string }> {
  return [
    { path: 'DefaultCacheBehavior', policy: d.DefaultCacheBehavior?.ViewerProtocolPolicy },
    ...(d.CacheBehaviors?.Items ?? []).map((b) => ({ path: `CacheBehaviors[${b.PathPattern}]`, policy: b.ViewerProtocolPolicy })),
  ];
}
