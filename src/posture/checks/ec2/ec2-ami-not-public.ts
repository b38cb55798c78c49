import { imageLaunchPermission, images } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results } from './_lib/results.ts';

/**
 * Baseline practice: AMIs the account owns are not public — DescribeImages → Public, confirmed
 * by DescribeImageAttribute (launchPermission Group "all") when collected. Either showing public
 * fails; an image both say nothing about cannot be judged and is ERROR.
 */
export default defineCheck({
  title: 'Owned AMIs should not be public',
  severity: 'CRITICAL',
  resourceType: 'AWS::EC2::Image',
  description: 'Checks that no AMI owned by the account can be launched by everyone (DescribeImages → Public; DescribeImageAttribute launchPermission → LaunchPermissions[].Group = "all").',
  risk: 'A public AMI lets anyone launch a copy of your server image and read everything baked into it: code, configuration, keys and credentials.',
  remediation: {
    text: 'Make the AMI private (share it with specific accounts or your organization if needed) and turn on block public access for AMIs.',
    console: 'EC2 console → AMIs → select → Actions → Edit AMI permissions → Private → Save changes. EC2 → Data protection and security → Block public access for AMIs → Manage → Block new public sharing.',
    cli: 'aws ec2 modify-image-attribute --image-id <ami> --launch-permission "Remove=[{Group=all}]"\naws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing',
    terraform: 'resource "aws_ec2_image_block_public_access" "this" {\n  state = "block-new-sharing"\n}',
  },
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Image');
    out.each(images(context), (image, region) => {
      const resource = { type: 'AWS::EC2::Image', id: `arn:${out.partition}:ec2:${region}::image/${image.ImageId}`, name: image.Name };
      const attribute = imageLaunchPermission(context, region, image.ImageId ?? '');
      const everyone = attribute.result.kind === 'data' && (attribute.result.data.LaunchPermissions ?? []).some((permission) => permission.Group === 'all');
      if (image.Public === true || everyone) {
        const where = image.Public === true ? 'DescribeImages → Public = true' : 'launchPermission Group "all"';
        return out.fail(region, resource, `${image.ImageId} (${image.Name ?? 'unnamed'}) is public (${where})`, { api: image.Public === true ? 'ec2:DescribeImages' : 'ec2:DescribeImageAttribute', field: image.Public === true ? 'Public' : 'LaunchPermissions[].Group' });
      }
      if (image.Public === undefined && attribute.result.kind !== 'data') return out.unanswered(region, resource, attribute);
      out.pass(region, resource, `${image.ImageId} is private`, { api: 'ec2:DescribeImages', field: 'Public', value: image.Public ?? false });
    });
    return out.list;
  },
});
