import { arn, nameTag, subnets } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** FSBP EC2.15 / Config subnet-auto-assign-public-ip-disabled. */
export default defineCheck({
  title: 'Subnets should not automatically assign public IP addresses',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Subnet',
  description: 'Checks that subnets do not assign public IPv4 addresses on launch (DescribeSubnets → MapPublicIpOnLaunch).',
  risk: 'Every instance launched into such a subnet gets a public address by default, one security-group mistake away from internet exposure.',
  remediation: {
    text: 'Turn off auto-assign public IPv4 address on the subnet; assign public addresses explicitly where needed.',
    console: 'VPC console → Subnets → select the subnet → Actions → Edit subnet settings → clear "Enable auto-assign public IPv4 address" → Save.',
    cli: 'aws ec2 modify-subnet-attribute --subnet-id <subnet> --no-map-public-ip-on-launch',
    cloudformation: 'Type: AWS::EC2::Subnet\nProperties:\n  MapPublicIpOnLaunch: false',
    terraform: 'resource "aws_subnet" "this" {\n  map_public_ip_on_launch = false\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15',
    'https://docs.aws.amazon.com/config/latest/developerguide/subnet-auto-assign-public-ip-disabled.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Subnet');
    out.each(subnets(context), (subnet, region) => {
      const resource = { type: 'AWS::EC2::Subnet', id: subnet.SubnetArn ?? arn(out.partition, region, out.accountId, 'subnet', subnet.SubnetId ?? ''), name: nameTag(subnet.Tags) };
      const evidence = { api: 'ec2:DescribeSubnets', field: 'MapPublicIpOnLaunch', value: subnet.MapPublicIpOnLaunch ?? false };
      if (subnet.MapPublicIpOnLaunch === true) out.fail(region, resource, `${subnet.SubnetId} (${subnet.VpcId}) assigns public IPv4 addresses on launch (MapPublicIpOnLaunch = true)`, evidence);
      else out.pass(region, resource, `${subnet.SubnetId} does not assign public IPv4 addresses on launch`, evidence);
    });
    return out.list;
  },
});
