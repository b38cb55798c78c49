import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { attributeMap, attributes, loadBalancers } from '../../../../inventory/views/elbv2.ts';
import type { ResourceRef } from '../../../../core/finding.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { Results } from '../../ec2/_lib/results.ts';

export const ELB = 'elastic-load-balancing-v2';

/** Walks the v2 load balancers of the given types (application, network, gateway). */
export function eachLoadBalancer(context: CheckContext, types: string[], visit: (out: Results, lb: LoadBalancer, region: string, resource: ResourceRef) => void): CheckResult[] {
  const out = new Results(context, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  out.each(loadBalancers(context), (lb, region) => {
    if (!types.includes(lb.Type ?? 'application')) return;
    visit(out, lb, region, { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: lb.LoadBalancerArn ?? '', name: lb.LoadBalancerName });
  });
  return out.list;
}

/** Walks load balancers with their attributes (DescribeLoadBalancerAttributes); a failed call is ERROR. */
export function eachWithAttributes(context: CheckContext, types: string[], visit: (out: Results, lb: LoadBalancer, attrs: Record<string, string>, region: string, resource: ResourceRef) => void): CheckResult[] {
  return eachLoadBalancer(context, types, (out, lb, region, resource) => {
    const answer = attributes(context, region, lb.LoadBalancerArn ?? '');
    if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
    visit(out, lb, attributeMap(answer.result.data.Attributes), region, resource);
  });
}
