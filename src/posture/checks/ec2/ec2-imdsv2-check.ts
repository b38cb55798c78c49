import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** CIS 5.7 / FSBP EC2.8 / Config ec2-imdsv2-check. Terminated instances are not evaluated. */
export default defineCheck({
  title: 'EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that each EC2 instance requires IMDSv2 session tokens (DescribeInstances → MetadataOptions.HttpTokens = required). An instance with the metadata endpoint disabled (HttpEndpoint = disabled) also passes.',
  risk: 'IMDSv1 answers unauthenticated GET requests, so a server-side request forgery or an open proxy on the instance can read the instance role\'s temporary credentials.',
  remediation: {
    text: 'Require IMDSv2 (HttpTokens=required) on each instance, and set it as the account default for new instances.',
    console: 'EC2 console → Instances → select the instance → Actions → Instance settings → Modify instance metadata options → IMDSv2: Required → Save.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled',
    cloudformation: 'LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required',
    terraform: 'resource "aws_instance" "this" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-imdsv2-check.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated' || instance.State?.Name === 'shutting-down') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const options = instance.MetadataOptions;
      const evidence = { api: 'ec2:DescribeInstances', field: 'MetadataOptions.HttpTokens', value: options?.HttpTokens ?? null };
      if (options?.HttpEndpoint === 'disabled') out.pass(region, resource, `${instance.InstanceId}: the metadata endpoint is disabled (MetadataOptions.HttpEndpoint = disabled)`, { ...evidence, field: 'MetadataOptions.HttpEndpoint' });
      else if (options?.HttpTokens === 'required') out.pass(region, resource, `${instance.InstanceId} requires IMDSv2 (MetadataOptions.HttpTokens = required)`, evidence);
      else out.fail(region, resource, `${instance.InstanceId} allows IMDSv1: MetadataOptions.HttpTokens is ${options?.HttpTokens ?? 'not set'}`, evidence);
    });
    return out.list;
  },
});
