import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { instanceInformation } from '../../../inventory/views/ssm.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/**
 * FSBP SSM.1 / Config ec2-instance-managed-by-systems-manager: a running or stopped instance is
 * managed when Systems Manager lists it (DescribeInstanceInformation → InstanceId).
 */
export default defineCheck({
  title: 'EC2 instances should be managed by AWS Systems Manager',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that each EC2 instance (DescribeInstances) appears as a managed node in Systems Manager (DescribeInstanceInformation → InstanceInformationList[].InstanceId).',
  risk: 'Instances outside Systems Manager miss patching, inventory and Session Manager access, so they drift out of compliance unseen and need SSH/RDP to administer.',
  remediation: {
    text: 'Install and run the SSM Agent and attach an instance profile with AmazonSSMManagedInstanceCore (or enable Default Host Management Configuration).',
    console: 'Systems Manager console → Fleet Manager → Settings → Default Host Management Configuration → Enable; or attach an IAM role with AmazonSSMManagedInstanceCore to the instance.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile-with-AmazonSSMManagedInstanceCore>',
    terraform: 'resource "aws_iam_role_policy_attachment" "ssm" {\n  role       = aws_iam_role.instance.name\n  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/managed_instances.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ssm-controls.html#ssm-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-managed-by-systems-manager.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    const managed = new Map(instanceInformation(context).map((list) => [list.region, { list, byId: new Map(list.items.map((item) => [item.InstanceId, item])) }]));
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated' || instance.State?.Name === 'shutting-down') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const entry = managed.get(region);
      if (!entry || entry.list.result.kind !== 'data') {
        out.unavailable(region, resource, 'ssm', 'DescribeInstanceInformation', entry?.list.result ?? { kind: 'missing' });
        return;
      }
      const info = entry.byId.get(instance.InstanceId);
      const evidence = { api: 'ssm:DescribeInstanceInformation', field: 'InstanceInformationList[].InstanceId' };
      if (info) out.pass(region, resource, `${instance.InstanceId} is a Systems Manager managed node (PingStatus ${info.PingStatus ?? 'unknown'})`, evidence);
      else out.fail(region, resource, `${instance.InstanceId} is not listed by ssm:DescribeInstanceInformation: it is not managed by Systems Manager`, evidence);
    });
    return out.list;
  },
});
