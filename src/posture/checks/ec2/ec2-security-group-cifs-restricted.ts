import { defineCheck } from '../../check.ts';
import { evaluateWorldIngress } from './_lib/security-group.ts';

/** CIS 5.1.2: CIFS/SMB (TCP 445) must not be open to 0.0.0.0/0 or ::/0. */
export default defineCheck({
  title: 'Security groups should not allow CIFS (port 445) from the internet',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: 'Checks that no security group ingress rule opens TCP 445 (CIFS/SMB) to 0.0.0.0/0 or ::/0 (DescribeSecurityGroups → IpPermissions), counting port ranges and all-traffic rules.',
  risk: 'SMB exposed to the internet has a long history of wormable vulnerabilities and credential relay attacks.',
  remediation: {
    text: 'Allow port 445 only from trusted networks (on-premises ranges, specific security groups).',
    console: 'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → narrow or delete the rule reaching port 445 from 0.0.0.0/0 or ::/0.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 445 --cidr 0.0.0.0/0',
    terraform: '# Restrict aws_security_group ingress on port 445 to trusted cidr_blocks or security_groups.',
  },
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html', 'https://www.cisecurity.org/benchmark/amazon_web_services'],
  evaluate: (context) => evaluateWorldIngress(context, [445], ['ipv4', 'ipv6']),
});
