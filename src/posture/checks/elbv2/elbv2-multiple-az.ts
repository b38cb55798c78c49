import { defineCheck } from '../../check.ts';
import { intParam } from '../ec2/_lib/results.ts';
import { eachLoadBalancer } from './_lib/load-balancers.ts';

/** FSBP ELB.13 / Config elbv2-multiple-az (minAvailabilityZones, default 2). */
export default defineCheck({
  title: 'Application, Network and Gateway Load Balancers should span multiple Availability Zones',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that each load balancer is enabled in at least minAvailabilityZones Availability Zones (DescribeLoadBalancers → AvailabilityZones).',
  risk: 'A load balancer in one zone fails with that zone, taking the application with it.',
  remediation: {
    text: 'Enable the load balancer in subnets of at least two Availability Zones.',
    console: 'EC2 console → Load Balancers → select → Network mapping → Edit subnets → select subnets in more zones → Save changes.',
    cli: 'aws elbv2 set-subnets --load-balancer-arn <arn> --subnets <subnet-a> <subnet-b>',
    cloudformation: 'Subnets: [!Ref SubnetA, !Ref SubnetB]',
    terraform: 'resource "aws_lb" "this" {\n  subnets = [aws_subnet.a.id, aws_subnet.b.id]\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-subnets.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13',
    'https://docs.aws.amazon.com/config/latest/developerguide/elbv2-multiple-az.html',
  ],
  parameters: {
    minAvailabilityZones: { description: 'Minimum number of Availability Zones.', default: 2 },
  },
  evaluate(context) {
    const minimum = intParam(context.parameters, 'minAvailabilityZones') ?? 2;
    return eachLoadBalancer(context, ['application', 'network', 'gateway'], (out, lb, region, resource) => {
      const zones = (lb.AvailabilityZones ?? []).map((zone) => zone.ZoneName ?? zone.SubnetId ?? '?');
      const evidence = { api: 'elastic-load-balancing-v2:DescribeLoadBalancers', field: 'AvailabilityZones', value: zones };
      if (zones.length >= minimum) out.pass(region, resource, `${lb.LoadBalancerName} spans ${zones.length} Availability Zones`, evidence);
      else out.fail(region, resource, `${lb.LoadBalancerName} spans ${zones.length} Availability Zone(s) (${zones.join(', ') || 'none'}), fewer than ${minimum}`, evidence);
    });
  },
});
