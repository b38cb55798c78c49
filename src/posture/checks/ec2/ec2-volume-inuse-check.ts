import { arn, nameTag, volumes } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { boolParam, Results } from './_lib/results.ts';

/**
 * Config ec2-volume-inuse-check: a volume must be attached to an instance; with
 * deleteOnTermination=true, attached volumes must also be marked DeleteOnTermination.
 */
export default defineCheck({
  title: 'EBS volumes should be attached to EC2 instances',
  severity: 'LOW',
  resourceType: 'AWS::EC2::Volume',
  description: 'Checks that each EBS volume is attached (DescribeVolumes → Attachments, State) and, when deleteOnTermination is true, that its attachment has DeleteOnTermination set.',
  risk: 'Orphaned volumes keep data no one watches (and cost money); volumes that survive instance termination leave copies of data behind.',
  remediation: {
    text: 'Snapshot and delete unattached volumes you no longer need; set DeleteOnTermination on attachments that should not outlive the instance.',
    console: 'EC2 console → Volumes → filter Volume state = available → select → Actions → Delete volume.',
    cli: 'aws ec2 delete-volume --volume-id <vol>\naws ec2 modify-instance-attribute --instance-id <id> --block-device-mappings "[{\\"DeviceName\\":\\"/dev/xvda\\",\\"Ebs\\":{\\"DeleteOnTermination\\":true}}]"',
    terraform: 'resource "aws_instance" "this" {\n  root_block_device {\n    delete_on_termination = true\n  }\n}',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-deleting-volume.html', 'https://docs.aws.amazon.com/config/latest/developerguide/ec2-volume-inuse-check.html'],
  parameters: {
    deleteOnTermination: { description: 'When true, attached volumes must be marked for deletion when the instance terminates (optional).', default: false },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Volume');
    const deleteOnTermination = boolParam(context.parameters, 'deleteOnTermination') === true;
    out.each(volumes(context), (volume, region) => {
      const resource = { type: 'AWS::EC2::Volume', id: arn(out.partition, region, out.accountId, 'volume', volume.VolumeId ?? ''), name: nameTag(volume.Tags) };
      const attachments = volume.Attachments ?? [];
      const evidence = { api: 'ec2:DescribeVolumes', field: 'Attachments', state: volume.State ?? null };
      if (attachments.length === 0) {
        out.fail(region, resource, `${volume.VolumeId} is not attached to any instance (State = ${volume.State ?? 'unknown'}, Attachments empty)`, evidence);
        return;
      }
      const kept = attachments.filter((attachment) => attachment.DeleteOnTermination !== true);
      if (deleteOnTermination && kept.length > 0) out.fail(region, resource, `${volume.VolumeId} is attached to ${kept.map((a) => a.InstanceId).join(', ')} with DeleteOnTermination = false`, { ...evidence, field: 'Attachments[].DeleteOnTermination' });
      else out.pass(region, resource, `${volume.VolumeId} is attached to ${attachments.map((a) => a.InstanceId).join(', ')}`, evidence);
    });
    return out.list;
  },
});
