import { defineCheck } from '../../check.ts';
import { eachWithAttributes, ELB } from './_lib/load-balancers.ts';

/** FSBP ELB.6 / Config elb-deletion-protection-enabled. */
export default defineCheck({
  title: 'Load balancers should have deletion protection enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that Application, Network and Gateway Load Balancers have deletion protection (DescribeLoadBalancerAttributes → deletion_protection.enabled = true).',
  risk: 'An accidental or malicious DeleteLoadBalancer call takes the application offline at once.',
  remediation: {
    text: 'Enable deletion protection.',
    console: 'EC2 console → Load Balancers → select → Attributes → Edit → Deletion protection → On → Save changes.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=deletion_protection.enabled,Value=true',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: deletion_protection.enabled\n    Value: "true"',
    terraform: 'resource "aws_lb" "this" {\n  enable_deletion_protection = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6',
    'https://docs.aws.amazon.com/config/latest/developerguide/elb-deletion-protection-enabled.html',
  ],
  evaluate: (context) =>
    eachWithAttributes(context, ['application', 'network', 'gateway'], (out, lb, attrs, region, resource) => {
      const value = attrs['deletion_protection.enabled'];
      const evidence = { api: `${ELB}:DescribeLoadBalancerAttributes`, field: 'deletion_protection.enabled', value: value ?? null };
      if (value === 'true') out.pass(region, resource, `${lb.LoadBalancerName} has deletion protection`, evidence);
      else out.fail(region, resource, `${lb.LoadBalancerName} has no deletion protection (deletion_protection.enabled = ${value ?? 'unset'})`, evidence);
    }),
});
