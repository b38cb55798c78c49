import { addresses } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** FSBP EC2.12 / Config eip-attached: an Elastic IP must be associated (DescribeAddresses → AssociationId). */
export default defineCheck({
  title: 'Unused Elastic IP addresses should be removed',
  severity: 'LOW',
  resourceType: 'AWS::EC2::EIP',
  description: 'Checks that each Elastic IP address is associated with an instance or network interface (DescribeAddresses → AssociationId / InstanceId / NetworkInterfaceId).',
  risk: 'Idle addresses cost money and, once released and re-used elsewhere, leave DNS records that point to someone else\'s host (subdomain takeover).',
  remediation: {
    text: 'Release Elastic IPs that nothing uses, after removing DNS records that point to them.',
    console: 'EC2 console → Elastic IPs → select the unassociated address → Actions → Release Elastic IP addresses → Release.',
    cli: 'aws ec2 release-address --allocation-id <eipalloc-id>',
    cloudformation: '# Remove the unused AWS::EC2::EIP resource.',
    terraform: '# Remove the unused aws_eip resource.',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-12', 'https://docs.aws.amazon.com/config/latest/developerguide/eip-attached.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::EIP');
    out.each(addresses(context), (address, region) => {
      const resource = { type: 'AWS::EC2::EIP', id: `arn:${out.partition}:ec2:${region}:${out.accountId}:elastic-ip/${address.AllocationId ?? address.PublicIp}`, name: address.PublicIp };
      const attached = address.AssociationId ?? address.InstanceId ?? address.NetworkInterfaceId;
      const evidence = { api: 'ec2:DescribeAddresses', field: 'AssociationId', value: attached ?? null };
      if (attached) out.pass(region, resource, `${address.PublicIp} is associated (${attached})`, evidence);
      else out.fail(region, resource, `${address.PublicIp} (${address.AllocationId}) is not associated with any instance or network interface (AssociationId empty)`, evidence);
    });
    return out.list;
  },
});
