import { defineCheck } from '../../check.ts';
import { securityGroups } from '../../../inventory/views/ec2.ts';
import { describePermission, parsePortRanges, rangeAuthorized, worldSources } from './_lib/network.ts';
import { listParam, Results } from './_lib/results.ts';
import { securityGroupResource } from './_lib/security-group.ts';

/**
 * FSBP EC2.18 / Config vpc-sg-open-only-to-authorized-ports: a rule open to 0.0.0.0/0 or ::/0
 * must only reach authorized ports. All-traffic rules (IpProtocol -1) from the world fail;
 * other protocols (ICMP…) carry no ports and are not judged.
 */
export default defineCheck({
  title: 'Security groups should only allow unrestricted incoming traffic for authorized ports',
  severity: 'HIGH',
  resourceType: 'AWS::EC2::SecurityGroup',
  description: 'Checks that every security group ingress rule open to 0.0.0.0/0 or ::/0 (DescribeSecurityGroups → IpPermissions) reaches only the ports in authorizedTcpPorts / authorizedUdpPorts.',
  risk: 'Any port open to the internet beyond the intended web ports widens the attack surface to services never meant to be public.',
  remediation: {
    text: 'Narrow world-open rules to the authorized ports, or restrict their source to known networks.',
    console: 'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → change the port range or source of the rules the finding names.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions IpProtocol=tcp,FromPort=<from>,ToPort=<to>,IpRanges=[{CidrIp=0.0.0.0/0}]',
    terraform: '# aws_security_group ingress open to 0.0.0.0/0 only on from_port/to_port 443 (and 80).',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18',
    'https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html',
  ],
  parameters: {
    authorizedTcpPorts: { description: 'Comma-separated TCP ports or ranges (e.g. 443,1020-1025) that may be open to 0.0.0.0/0 or ::/0.', default: '80,443' },
    authorizedUdpPorts: { description: 'Comma-separated UDP ports or ranges that may be open to 0.0.0.0/0 or ::/0.', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::SecurityGroup');
    const tcp = parsePortRanges(listParam(context.parameters, 'authorizedTcpPorts'));
    const udp = parsePortRanges(listParam(context.parameters, 'authorizedUdpPorts'));
    out.each(securityGroups(context), (group, region) => {
      const resource = securityGroupResource(out, region, group);
      const offending: string[] = [];
      for (const permission of group.IpPermissions ?? []) {
        const sources = worldSources(permission);
        if (sources.length === 0) continue;
        const protocol = String(permission.IpProtocol ?? '').toLowerCase();
        const from = permission.FromPort ?? 0;
        const to = permission.ToPort ?? 65535;
        let authorized: boolean;
        if (protocol === '-1' || protocol === 'all') authorized = false;
        else if (protocol === 'tcp' || protocol === '6') authorized = rangeAuthorized(from, to, tcp);
        else if (protocol === 'udp' || protocol === '17') authorized = rangeAuthorized(from, to, udp);
        else authorized = true;
        if (!authorized) offending.push(`${describePermission(permission)} from ${sources.join(', ')}`);
      }
      const evidence = { api: 'ec2:DescribeSecurityGroups', field: 'IpPermissions' };
      if (offending.length > 0) out.fail(region, resource, `${group.GroupId} (${group.GroupName}) opens unauthorized ports to the world: ${offending.join('; ')}`, { ...evidence, rules: offending });
      else out.pass(region, resource, `${group.GroupId} (${group.GroupName}) opens only authorized ports to 0.0.0.0/0 and ::/0`, evidence);
    });
    return out.list;
  },
});
