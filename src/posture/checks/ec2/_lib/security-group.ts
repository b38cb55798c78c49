import type { SecurityGroup } from '@aws-sdk/client-ec2';
import { arn, securityGroups } from '../../../../inventory/views/ec2.ts';
import type { CheckContext, CheckResult } from '../../../check.ts';
import { openPorts, summarize } from './network.ts';
import { Results } from './results.ts';

export function securityGroupResource(out: Results, region: string, group: SecurityGroup) {
  return { type: 'AWS::EC2::SecurityGroup', id: arn(out.partition, region, out.accountId, 'security-group', group.GroupId ?? ''), name: group.GroupName };
}

/**
 * The shared shape of "no ingress from the world to these ports" checks: one result per
 * security group; FAIL names each port, source and rule (IpPermissions) that opens it.
 * Port ranges and IpProtocol -1 (all traffic) count as opening every port they cover.
 */
export function evaluateWorldIngress(context: CheckContext, ports: number[], families: Array<'ipv4' | 'ipv6'>, protocols: string[] = ['tcp']): CheckResult[] {
  const out = new Results(context, 'AWS::EC2::SecurityGroup');
  const sources = families.map((family) => (family === 'ipv4' ? '0.0.0.0/0' : '::/0')).join(' or ');
  const portsText = `port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}`;
  const evidence = { api: 'ec2:DescribeSecurityGroups', field: 'IpPermissions' };
  out.each(securityGroups(context), (group, region) => {
    const resource = securityGroupResource(out, region, group);
    const open = openPorts(group.IpPermissions, ports, families, protocols);
    if (open.length > 0) out.fail(region, resource, `${group.GroupId} (${group.GroupName}) allows ingress: ${summarize(open)}`, { ...evidence, open });
    else out.pass(region, resource, `${group.GroupId} (${group.GroupName}) allows no ingress from ${sources} to ${portsText}`, evidence);
  });
  return out.list;
}
