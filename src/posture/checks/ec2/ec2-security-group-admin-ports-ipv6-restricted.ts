import { defineCheck } from '../../check.ts';
import { evaluateWorldIngress } from './_lib/security-group.ts';

/** CIS 5.4 / FSBP EC2.54: no ingress from ::/0 to 22 or 3389, including ranges and protocol -1. */
export default defineCheck({
  title: 'Security groups should not allow ingress from ::/0 to remote server administration ports',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: 'Checks that no security group ingress rule opens TCP 22 (SSH) or TCP 3389 (RDP) to ::/0 (DescribeSecurityGroups → IpPermissions[].Ipv6Ranges), counting port ranges that include them and all-traffic rules (IpProtocol -1).',
  risk: 'Administration ports open to the whole IPv6 internet are as exposed as IPv4 ones, and IPv6 rules are easy to overlook.',
  remediation: {
    text: 'Remove or narrow every ingress rule from ::/0 that reaches port 22 or 3389.',
    console: 'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → delete the rule with source ::/0 covering port 22/3389 → Save rules.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]',
    terraform: '# In aws_security_group ingress blocks reaching 22 or 3389, never use ipv6_cidr_blocks = ["::/0"].',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-54',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate: (context) => evaluateWorldIngress(context, [22, 3389], ['ipv6']),
});
