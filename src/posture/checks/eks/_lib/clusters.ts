import type { Cluster } from '@aws-sdk/client-eks';
import { clusterArn, clusterNames, describeCluster } from '../../../../inventory/views/eks.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

/** Walks EKS clusters (ListClusters, then DescribeCluster per name). */
export function eachCluster(context: CheckContext, visit: (out: Results, cluster: Cluster, region: string, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::EKS::Cluster');
  out.each(clusterNames(context), (name, region) => {
    const resource = { type: 'AWS::EKS::Cluster', id: clusterArn(out.partition, region, out.accountId, name), name };
    const answer = describeCluster(context, region, name);
    if (answer.result.kind !== 'data' || !answer.result.data.cluster) return out.unanswered(region, resource, answer);
    const cluster = answer.result.data.cluster;
    visit(out, cluster, region, cluster.arn ? { ...resource, id: cluster.arn } : resource);
  });
  return out.list;
}
