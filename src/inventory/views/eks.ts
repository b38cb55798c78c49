import type { Cluster } from '@aws-sdk/client-eks';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the EKS responses in a snapshot. */
const S = 'eks';

export function clusterNames(context: ViewContext): Array<RegionalList<string>> {
  return listPerRegion<{ clusters?: string[] }, string>(context, S, 'ListClusters', (r) => r.clusters);
}
export function describeCluster(context: ViewContext, region: string, name: string): ResourceAnswer<{ cluster?: Cluster }> {
  return perResource(context, S, 'DescribeCluster', region, name);
}
export function clusterArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:eks:${region}:${account}:cluster/${name}`;
}
