import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/** FSBP EC2.17 / Config ec2-instance-multiple-eni-check. */
export default defineCheck({
  title: 'EC2 instances should not use multiple ENIs',
  severity: 'LOW',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that each instance has a single elastic network interface (DescribeInstances → NetworkInterfaces).',
  risk: 'Several ENIs can bridge subnets and security boundaries, creating network paths that bypass the intended segmentation.',
  remediation: {
    text: 'Detach the extra network interfaces unless the design requires them (appliances); document the exceptions.',
    console: 'EC2 console → Network interfaces → select the secondary interface → Actions → Detach.',
    cli: 'aws ec2 detach-network-interface --attachment-id <eni-attach-id>',
    terraform: '# Keep a single network_interface block (device_index 0) on aws_instance.',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-17',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-multiple-eni-check.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const enis = (instance.NetworkInterfaces ?? []).map((eni) => eni.NetworkInterfaceId ?? '?');
      const evidence = { api: 'ec2:DescribeInstances', field: 'NetworkInterfaces', value: enis };
      if (enis.length > 1) out.fail(region, resource, `${instance.InstanceId} has ${enis.length} network interfaces (${enis.join(', ')})`, evidence);
      else out.pass(region, resource, `${instance.InstanceId} has ${enis.length} network interface`, evidence);
    });
    return out.list;
  },
});
