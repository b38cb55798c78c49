import { defineCheck } from '../../check.ts';
import { evaluateWorldIngress } from './_lib/security-group.ts';

/**
 * Config restricted-ssh (INCOMING_SSH_DISABLED): NON_COMPLIANT when a security group allows
 * incoming SSH (TCP 22) from 0.0.0.0/0 or ::/0 — through a rule on port 22, a port range
 * covering 22, or an all-traffic rule (IpProtocol -1).
 */
export default defineCheck({
  title: 'Security groups should not allow unrestricted incoming SSH traffic',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: 'Checks that no security group ingress rule opens TCP port 22 to 0.0.0.0/0 or ::/0 (DescribeSecurityGroups → IpPermissions), counting port ranges and all-traffic rules.',
  risk: 'SSH open to the internet invites brute-force and credential-stuffing attacks and exposes any SSH vulnerability to everyone.',
  remediation: {
    text: 'Remove the world-open SSH rule; allow SSH only from known administration ranges, or use Systems Manager Session Manager instead of SSH.',
    console: 'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → delete or narrow the rule whose source is 0.0.0.0/0 or ::/0 → Save rules.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 22 --cidr 0.0.0.0/0',
    terraform: 'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.this.id\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = "10.0.0.0/16" # never 0.0.0.0/0\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/restricted-ssh.html',
  ],
  evaluate: (context) => evaluateWorldIngress(context, [22], ['ipv4', 'ipv6']),
});
