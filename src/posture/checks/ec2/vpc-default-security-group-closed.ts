import { defineCheck } from '../../check.ts';
import { securityGroups } from '../../../inventory/views/ec2.ts';
import { Results } from './_lib/results.ts';
import { securityGroupResource } from './_lib/security-group.ts';

/** CIS 5.5 / FSBP EC2.2 / Config vpc-default-security-group-closed: default groups have no rules at all. */
export default defineCheck({
  title: 'VPC default security groups should not allow inbound or outbound traffic',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: 'Checks that the security group named "default" of every VPC has no inbound rules (IpPermissions) and no outbound rules (IpPermissionsEgress) (DescribeSecurityGroups).',
  risk: 'Resources launched without an explicit security group land in the default group; if it allows traffic, they are reachable (and can reach out) without anyone deciding so.',
  remediation: {
    text: 'Remove every inbound and outbound rule from each VPC default security group and give resources purpose-made groups.',
    console: 'VPC console → Security groups → select the group named "default" → Inbound rules → Edit inbound rules → Delete all; then Outbound rules → Edit outbound rules → Delete all → Save.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-sg> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <default-sg> --query SecurityGroups[0].IpPermissions)"',
    terraform: 'resource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.this.id\n  # no ingress or egress blocks: Terraform removes all rules\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/vpc-default-security-group-closed.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::SecurityGroup');
    out.each(securityGroups(context), (group, region) => {
      if (group.GroupName !== 'default') return;
      const resource = securityGroupResource(out, region, group);
      const inbound = group.IpPermissions?.length ?? 0;
      const outbound = group.IpPermissionsEgress?.length ?? 0;
      const evidence = { api: 'ec2:DescribeSecurityGroups', field: 'IpPermissions, IpPermissionsEgress', inbound, outbound };
      if (inbound + outbound > 0) out.fail(region, resource, `default security group ${group.GroupId} of ${group.VpcId ?? 'its VPC'} has ${inbound} inbound (IpPermissions) and ${outbound} outbound (IpPermissionsEgress) rules`, evidence);
      else out.pass(region, resource, `default security group ${group.GroupId} of ${group.VpcId ?? 'its VPC'} has no rules`, evidence);
    });
    return out.list;
  },
});
