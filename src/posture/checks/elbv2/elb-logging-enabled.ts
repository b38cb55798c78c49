import { defineCheck } from '../../check.ts';
import { listParam } from '../ec2/_lib/results.ts';
import { eachWithAttributes, ELB } from './_lib/load-balancers.ts';

/** FSBP ELB.5 / Config elb-logging-enabled (s3BucketNames optional) for Application and Network Load Balancers. */
export default defineCheck({
  title: 'Load balancer access logging should be enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  description: 'Checks that Application and Network Load Balancers write access logs to S3 (DescribeLoadBalancerAttributes → access_logs.s3.enabled, access_logs.s3.bucket), and to one of s3BucketNames when set.',
  risk: 'Without access logs there is no record of who called the application, which is needed to investigate attacks and abuse.',
  remediation: {
    text: 'Enable access logs to an S3 bucket whose policy lets Elastic Load Balancing write to it.',
    console: 'EC2 console → Load Balancers → select → Attributes → Edit → Monitoring → Access logs → On → S3 URI → Save changes.',
    cli: 'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>',
    cloudformation: 'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref LogBucket',
    terraform: 'resource "aws_lb" "this" {\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    enabled = true\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5',
    'https://docs.aws.amazon.com/config/latest/developerguide/elb-logging-enabled.html',
  ],
  parameters: {
    s3BucketNames: { description: 'Comma-separated list of S3 bucket names the logs must go to (optional).', default: '' },
  },
  evaluate(context) {
    const buckets = listParam(context.parameters, 's3BucketNames');
    return eachWithAttributes(context, ['application', 'network'], (out, lb, attrs, region, resource) => {
      const enabled = attrs['access_logs.s3.enabled'] === 'true';
      const bucket = attrs['access_logs.s3.bucket'] ?? '';
      const evidence = { api: `${ELB}:DescribeLoadBalancerAttributes`, field: 'access_logs.s3.enabled, access_logs.s3.bucket', enabled, bucket };
      if (!enabled) out.fail(region, resource, `${lb.LoadBalancerName} does not write access logs (access_logs.s3.enabled = ${attrs['access_logs.s3.enabled'] ?? 'unset'})`, evidence);
      else if (buckets && !buckets.includes(bucket)) out.fail(region, resource, `${lb.LoadBalancerName} writes access logs to ${bucket}, not to one of ${buckets.join(', ')} (access_logs.s3.bucket)`, evidence);
      else out.pass(region, resource, `${lb.LoadBalancerName} writes access logs to s3://${bucket}`, evidence);
    });
  },
});
