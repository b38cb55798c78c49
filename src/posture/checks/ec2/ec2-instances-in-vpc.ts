import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results, stringParam } from './_lib/results.ts';

/**
 * Config ec2-instances-in-vpc: NON_COMPLIANT when an instance is not in a VPC (EC2-Classic) or,
 * with the vpcId parameter, not in that VPC.
 */
export default defineCheck({
  title: 'EC2 instances should be in a VPC',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that each EC2 instance belongs to a VPC (DescribeInstances → VpcId) and, when the vpcId parameter is set, to that VPC.',
  risk: 'Instances outside a VPC (EC2-Classic) or outside the approved VPC escape the network controls — security groups, NACLs, flow logs, endpoints — that the organization relies on.',
  remediation: {
    text: 'Launch instances in the approved VPC; migrate any other instance by creating an AMI and relaunching it in that VPC.',
    console: 'EC2 console → Instances → select the instance → Actions → Image and templates → Create image; then Launch instance from the AMI, choosing the approved VPC and subnet.',
    cli: 'aws ec2 run-instances --image-id <ami> --subnet-id <subnet-in-approved-vpc> --instance-type <type>',
    terraform: 'resource "aws_instance" "this" {\n  subnet_id = aws_subnet.private.id\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/what-is-amazon-vpc.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instances-in-vpc.html',
  ],
  parameters: {
    vpcId: { description: 'ID of the VPC that contains these EC2 instances (optional).', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    const vpcId = stringParam(context.parameters, 'vpcId');
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const evidence = { api: 'ec2:DescribeInstances', field: 'VpcId', value: instance.VpcId ?? null };
      if (!instance.VpcId) out.fail(region, resource, `${instance.InstanceId} is not in a VPC (VpcId is empty)`, evidence);
      else if (vpcId && instance.VpcId !== vpcId) out.fail(region, resource, `${instance.InstanceId} is in ${instance.VpcId}, not in the required VPC ${vpcId} (VpcId)`, evidence);
      else out.pass(region, resource, `${instance.InstanceId} is in ${instance.VpcId}`, evidence);
    });
    return out.list;
  },
});
