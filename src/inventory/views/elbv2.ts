import type { Listener, LoadBalancer, LoadBalancerAttribute } from '@aws-sdk/client-elastic-load-balancing-v2';
import { keyValues, listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the Elastic Load Balancing v2 responses in a snapshot. */
const S = 'elastic-load-balancing-v2';

export function loadBalancers(context: ViewContext): Array<RegionalList<LoadBalancer>> {
  return listPerRegion<{ LoadBalancers?: LoadBalancer[] }, LoadBalancer>(context, S, 'DescribeLoadBalancers', (r) => r.LoadBalancers);
}
export function listeners(context: ViewContext, region: string, arn: string): ResourceAnswer<{ Listeners?: Listener[] }> {
  return perResource(context, S, 'DescribeListeners', region, arn);
}
export function attributes(context: ViewContext, region: string, arn: string): ResourceAnswer<{ Attributes?: LoadBalancerAttribute[] }> {
  return perResource(context, S, 'DescribeLoadBalancerAttributes', region, arn);
}
export function attributeMap(list: LoadBalancerAttribute[] | undefined): Record<string, string> {
  return keyValues(list);
}
