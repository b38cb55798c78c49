import { defineCheck } from '../../check.ts';
import { listParam } from './_lib/results.ts';
import { evaluateWorldIngress } from './_lib/security-group.ts';

/** The high-risk ports Security Hub evaluates for EC2.19. */
const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/**
 * FSBP EC2.19: no unrestricted (0.0.0.0/0 or ::/0) ingress to the high-risk ports, over TCP or
 * UDP, including ranges and all-traffic rules. `blockedPorts` replaces the port list.
 */
export default defineCheck({
  title: 'Security groups should not allow unrestricted access to ports with high risk',
  severity: 'CRITICAL',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: `Checks that no security group ingress rule opens a high-risk port (${HIGH_RISK_PORTS.join(', ')}) to 0.0.0.0/0 or ::/0 (DescribeSecurityGroups → IpPermissions), counting port ranges and all-traffic rules.`,
  risk: 'File transfer, mail, database, remote desktop and search-engine ports reachable from anywhere expose services that are routinely exploited or brute-forced.',
  remediation: {
    text: 'Remove world-open ingress to these ports; reach databases and admin interfaces through private networking, VPN or Session Manager.',
    console: 'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → delete or narrow the rules the finding names → Save rules.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port <port> --cidr 0.0.0.0/0',
    terraform: '# Restrict aws_security_group ingress for these ports to private cidr_blocks or source security groups.',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    'https://docs.aws.amazon.com/config/latest/developerguide/restricted-common-ports.html',
  ],
  parameters: {
    blockedPorts: { description: 'Ports that must not be reachable from 0.0.0.0/0 or ::/0 (Security Hub EC2.19 list).', default: HIGH_RISK_PORTS.map(String) },
  },
  evaluate(context) {
    const ports = (listParam(context.parameters, 'blockedPorts') ?? HIGH_RISK_PORTS.map(String)).map(Number).filter(Number.isFinite);
    return evaluateWorldIngress(context, ports, ['ipv4', 'ipv6'], ['tcp', 'udp']);
  },
});
