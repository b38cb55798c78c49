import { arn, instances, nameTag } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/**
 * CIS 1.17 / Config ec2-instance-profile-attached: instances get AWS credentials from an
 * instance profile (DescribeInstances → IamInstanceProfile), not from keys stored on the host.
 */
export default defineCheck({
  title: 'EC2 instances should use IAM instance roles for AWS access',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Instance',
  description: 'Checks that each EC2 instance has an IAM instance profile attached (DescribeInstances → IamInstanceProfile.Arn).',
  risk: 'An instance without a role tends to carry long-lived access keys in files or environment variables, which leak with backups, images and compromised hosts and never rotate.',
  remediation: {
    text: 'Attach an instance profile whose role has only the permissions the workload needs, and remove any access keys stored on the instance.',
    console: 'EC2 console → Instances → select → Actions → Security → Modify IAM role → choose the role → Update IAM role.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>',
    cloudformation: 'Type: AWS::EC2::Instance\nProperties:\n  IamInstanceProfile: !Ref InstanceProfile',
    terraform: 'resource "aws_instance" "this" {\n  iam_instance_profile = aws_iam_instance_profile.app.name\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-profile-attached.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Instance');
    out.each(instances(context), (instance, region) => {
      if (instance.State?.Name === 'terminated' || instance.State?.Name === 'shutting-down') return;
      const resource = { type: 'AWS::EC2::Instance', id: arn(out.partition, region, out.accountId, 'instance', instance.InstanceId ?? ''), name: nameTag(instance.Tags) };
      const profile = instance.IamInstanceProfile?.Arn;
      const evidence = { api: 'ec2:DescribeInstances', field: 'IamInstanceProfile.Arn', value: profile ?? null };
      if (profile) out.pass(region, resource, `${instance.InstanceId} uses instance profile ${profile}`, evidence);
      else out.fail(region, resource, `${instance.InstanceId} has no IAM instance profile (IamInstanceProfile is empty)`, evidence);
    });
    return out.list;
  },
});
