import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachWithAttributes, ELB } from './_lib/load-balancers.ts';

/** FSBP ELB.12 / Config alb-desync-mode-check (desyncMode: defensive,strictest). */
export default defineCheck({
  title: 'Application Load Balancers should use defensive or strictest desync mitigation mode',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that each ALB\'s desync mitigation mode is one of desyncMode (DescribeLoadBalancerAttributes → routing.http.desync_mitigation_mode; AWS\'s default when unset is defensive).',
  risk: 'Monitor mode forwards ambiguous requests, allowing HTTP request smuggling against targets.',
  remediation: {
    text: 'Set the desync mitigation mode to defensive or strictest.',
    console: 'EC2 console → Load Balancers → select → Attributes → Edit → Desync mitigation mode → Defensive (or Strictest) → Save changes.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=routing.http.desync_mitigation_mode,Value=defensive',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: routing.http.desync_mitigation_mode\n    Value: defensive',
    terraform: 'resource "aws_lb" "this" {\n  desync_mitigation_mode = "defensive"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12',
    'https://docs.aws.amazon.com/config/latest/developerguide/alb-desync-mode-check.html',
  ],
  parameters: {
    desyncMode: { description: 'Comma-separated list of allowed desync mitigation modes (defensive, strictest, monitor).', default: 'defensive,strictest' },
  },
  evaluate(context) {
    const allowed = listParam(context.parameters, 'desyncMode') ?? ['defensive', 'strictest'];
    return eachWithAttributes(context, ['application'], (out, lb, attrs, region, resource) => {
      const mode = attrs['routing.http.desync_mitigation_mode'] ?? 'defensive';
      const evidence = { api: `${ELB}:DescribeLoadBalancerAttributes`, field: 'routing.http.desync_mitigation_mode', value: mode };
      if (allowed.includes(mode)) out.pass(region, resource, `${lb.LoadBalancerName} uses desync mitigation mode ${mode}`, evidence);
      else out.fail(region, resource, `${lb.LoadBalancerName} uses desync mitigation mode ${mode} (routing.http.desync_mitigation_mode), not one of ${allowed.join(', ')}`, evidence);
    });
  },
});
