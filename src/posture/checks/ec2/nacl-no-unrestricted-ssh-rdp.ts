import { arn, networkAcls } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { naclAllowsFromWorld } from './_lib/network.ts';
import { Results } from './_lib/results.ts';

/**
 * CIS 5.2 / FSBP EC2.21 / Config nacl-no-unrestricted-ssh-rdp. Entries are read the way the
 * NACL evaluates them — lowest RuleNumber first, first match wins — so an allow-all rule behind
 * an explicit deny of 22/3389 does not open the port, and protocol -1 rules count.
 */
export default defineCheck({
  title: 'Network ACLs should not allow ingress from 0.0.0.0/0 or ::/0 to port 22 or 3389',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::NetworkAcl',
  description: 'Checks, for each network ACL, whether world traffic (0.0.0.0/0 or ::/0) to TCP 22 or 3389 is allowed by the first matching inbound entry (DescribeNetworkAcls → Entries, Egress=false).',
  risk: 'A NACL that lets the internet reach administration ports leaves only security groups between attackers and SSH/RDP services.',
  remediation: {
    text: 'Add low-numbered inbound deny entries for TCP 22 and 3389 from 0.0.0.0/0 and ::/0, or narrow the allow entries to trusted ranges.',
    console: 'VPC console → Network ACLs → select the ACL → Inbound rules → Edit inbound rules → add rule (e.g. 10) TCP 22 source 0.0.0.0/0 Deny, and one for 3389 → Save.',
    cli: 'aws ec2 create-network-acl-entry --network-acl-id <acl> --ingress --rule-number 10 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny',
    terraform: 'resource "aws_network_acl_rule" "deny_ssh" {\n  network_acl_id = aws_network_acl.this.id\n  rule_number    = 10\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "deny"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21',
    'https://docs.aws.amazon.com/config/latest/developerguide/nacl-no-unrestricted-ssh-rdp.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::NetworkAcl');
    out.each(networkAcls(context), (acl, region) => {
      const resource = { type: 'AWS::EC2::NetworkAcl', id: arn(out.partition, region, out.accountId, 'network-acl', acl.NetworkAclId ?? '') };
      const open: string[] = [];
      for (const port of [22, 3389]) {
        const entry = naclAllowsFromWorld(acl.Entries, port);
        if (entry) open.push(`port ${port} by rule ${entry.RuleNumber} (protocol ${entry.Protocol}, ${entry.CidrBlock ?? entry.Ipv6CidrBlock}, allow)`);
      }
      const evidence = { api: 'ec2:DescribeNetworkAcls', field: 'Entries' };
      if (open.length > 0) out.fail(region, resource, `${acl.NetworkAclId} (${acl.VpcId}) allows world ingress to ${open.join('; ')}`, { ...evidence, open });
      else out.pass(region, resource, `${acl.NetworkAclId} (${acl.VpcId}) does not allow world ingress to ports 22 or 3389`, evidence);
    });
    return out.list;
  },
});
