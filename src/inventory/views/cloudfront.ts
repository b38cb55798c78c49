import type { DistributionConfig, DistributionSummary } from '@aws-sdk/client-cloudfront';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the CloudFront responses in a snapshot (a global service, recorded in us-east-1). */
const S = 'cloudfront';
export const CLOUDFRONT_REGION = 'us-east-1';

export function distributions(context: ViewContext): Array<RegionalList<DistributionSummary>> {
  return listPerRegion<{ DistributionList?: { Items?: DistributionSummary[] }; Items?: DistributionSummary[] }, DistributionSummary>(
    context,
    S,
    'ListDistributions',
    (r) => r.DistributionList?.Items ?? r.Items,
    [CLOUDFRONT_REGION],
  );
}
/**
 * GetDistributionConfig, keyed by distribution id: the fields ListDistributions does not return
 * (DefaultRootObject, Logging).
 */
export function distributionConfig(context: ViewContext, id: string): ResourceAnswer<{ DistributionConfig?: DistributionConfig }> {
  const config = perResource<{ DistributionConfig?: DistributionConfig }>(context, S, 'GetDistributionConfig', CLOUDFRONT_REGION, id);
  if (config.result.kind !== 'missing') return config;
  // GetDistribution returns the same config inside Distribution.DistributionConfig.
  const full = perResource<{ Distribution?: { DistributionConfig?: DistributionConfig } }>(context, S, 'GetDistribution', CLOUDFRONT_REGION, id);
  if (full.result.kind === 'data') return { ...full, result: { kind: 'data', data: { DistributionConfig: full.result.data.Distribution?.DistributionConfig } } };
  return config;
}
