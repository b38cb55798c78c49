import { defineCheck } from '../../check.ts';
import { eachWithAttributes, ELB } from './_lib/load-balancers.ts';

/** FSBP ELB.4 / Config alb-http-drop-invalid-header-enabled. */
export default defineCheck({
  title: 'Application Load Balancers should drop invalid HTTP headers',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that ALBs drop HTTP headers with invalid names (DescribeLoadBalancerAttributes → routing.http.drop_invalid_header_fields.enabled = true).',
  risk: 'Invalid header fields passed to targets enable HTTP desync and request-smuggling attacks.',
  remediation: {
    text: 'Turn on "Drop invalid header fields".',
    console: 'EC2 console → Load Balancers → select → Attributes → Edit → Drop invalid header fields → On → Save changes.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=routing.http.drop_invalid_header_fields.enabled,Value=true',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"',
    terraform: 'resource "aws_lb" "this" {\n  drop_invalid_header_fields = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4',
    'https://docs.aws.amazon.com/config/latest/developerguide/alb-http-drop-invalid-header-enabled.html',
  ],
  evaluate: (context) =>
    eachWithAttributes(context, ['application'], (out, lb, attrs, region, resource) => {
      const value = attrs['routing.http.drop_invalid_header_fields.enabled'];
      const evidence = { api: `${ELB}:DescribeLoadBalancerAttributes`, field: 'routing.http.drop_invalid_header_fields.enabled', value: value ?? null };
      if (value === 'true') out.pass(region, resource, `${lb.LoadBalancerName} drops invalid header fields`, evidence);
      else out.fail(region, resource, `${lb.LoadBalancerName} forwards invalid header fields (routing.http.drop_invalid_header_fields.enabled = ${value ?? 'unset'})`, evidence);
    }),
});
