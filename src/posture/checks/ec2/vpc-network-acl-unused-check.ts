import { arn, networkAcls } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** FSBP EC2.16 / Config vpc-network-acl-unused-check: a NACL must be associated with a subnet. */
export default defineCheck({
  title: 'Unused network access control lists should be removed',
  severity: 'LOW',
  resourceType: 'AWS::EC2::NetworkAcl',
  description: 'Checks that every network ACL is associated with at least one subnet (DescribeNetworkAcls → Associations).',
  risk: 'Unused NACLs are clutter that makes the real network policy harder to audit, and can be attached by mistake with stale rules.',
  remediation: {
    text: 'Delete network ACLs that no subnet uses.',
    console: 'VPC console → Network ACLs → select the ACL with no associated subnets → Actions → Delete network ACLs.',
    cli: 'aws ec2 delete-network-acl --network-acl-id <acl>',
    terraform: '# Remove the unused aws_network_acl resource.',
  },
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-16',
    'https://docs.aws.amazon.com/config/latest/developerguide/vpc-network-acl-unused-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::NetworkAcl');
    out.each(networkAcls(context), (acl, region) => {
      const resource = { type: 'AWS::EC2::NetworkAcl', id: arn(out.partition, region, out.accountId, 'network-acl', acl.NetworkAclId ?? '') };
      const subnets = (acl.Associations ?? []).map((association) => association.SubnetId).filter(Boolean);
      const evidence = { api: 'ec2:DescribeNetworkAcls', field: 'Associations', subnets };
      if (subnets.length === 0) out.fail(region, resource, `${acl.NetworkAclId} (${acl.VpcId}) is not associated with any subnet (Associations is empty)`, evidence);
      else out.pass(region, resource, `${acl.NetworkAclId} is associated with ${subnets.length} subnet(s)`, evidence);
    });
    return out.list;
  },
});
