import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** FSBP EC2.9 / Config ec2-instance-no-public-ip. Only instances with a public IPv4 address fail. */
export default defineCheck({
  title: 'EC2 instances should not have a public IPv4 address',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that EC2 instances have no public IPv4 address (DescribeInstances → PublicIpAddress). Elastic IPs show up as PublicIpAddress too. Terminated instances are not evaluated.',
  risk: 'An instance with a public IP address is reachable from the internet whenever its security group or NACL allows it; one rule change exposes it.',
  remediation: {
    text: 'Place instances in private subnets behind a load balancer, NAT or Systems Manager Session Manager, and do not associate public addresses.',
    console: 'VPC console → Subnets → select the subnet → Actions → Edit subnet settings → clear "Enable auto-assign public IPv4 address"; relaunch the instance without a public IP, or disassociate its Elastic IP.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet> --no-map-public-ip-on-launch',
    cloudformation: 'NetworkInterfaces:\n  - DeviceIndex: "0"\n    AssociatePublicIpAddress: false',
    terraform: 'resource "aws_instance" "this" {\n  associate_public_ip_address = false\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-no-public-ip.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated' || instance.State?.Name === 'shutting-down') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const evidence = { api: 'ec2:DescribeInstances', field: 'PublicIpAddress', value: instance.PublicIpAddress ?? null };
      if (instance.PublicIpAddress) out.fail(region, resource, `${instance.InstanceId} has the public IPv4 address ${instance.PublicIpAddress} (PublicIpAddress)`, evidence);
      else out.pass(region, resource, `${instance.InstanceId} has no public IPv4 address`, evidence);
    });
    return out.list;
  },
});
