import { arn, nameTag, volumes } from '../../../inventory/views/ec2.ts';
import { defineCheck } from '../../check.ts';
import { Results, stringParam } from './_lib/results.ts';

/**
 * FSBP EC2.3 / Config encrypted-volumes: attached (in-use) volumes must be encrypted and, with
 * kmsId, encrypted with that key (given as key id or ARN). Unattached volumes are not evaluated.
 */
export default defineCheck({
  title: 'Attached EBS volumes should be encrypted at rest',
  severity: 'MEDIUM',
  resourceType: 'AWS::EC2::Volume',
  description: 'Checks that EBS volumes attached to instances are encrypted (DescribeVolumes → Encrypted) and, when kmsId is set, encrypted with that KMS key (KmsKeyId).',
  risk: 'Unencrypted volumes, and the snapshots taken of them, expose their data to anyone who can copy or share them.',
  remediation: {
    text: 'Encrypt the volume: snapshot it, copy the snapshot with encryption, create a volume from the copy and swap it in; enable EBS encryption by default for new volumes.',
    console: 'EC2 console → Volumes → select → Actions → Create snapshot; Snapshots → Actions → Copy snapshot → Encrypt this snapshot; then Create volume from it and attach it in place of the old one.',
    cli: 'aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap> --encrypted --kms-key-id <key>',
    cloudformation: 'Type: AWS::EC2::Volume\nProperties:\n  Encrypted: true\n  KmsKeyId: !Ref Key',
    terraform: 'resource "aws_ebs_volume" "this" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.ebs.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
    'https://docs.aws.amazon.com/config/latest/developerguide/encrypted-volumes.html',
  ],
  parameters: {
    kmsId: { description: 'ID or ARN of the KMS key used to encrypt the volume (optional).', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EC2::Volume');
    const kmsId = stringParam(context.parameters, 'kmsId');
    out.each(volumes(context), (volume, region) => {
      const attached = (volume.Attachments ?? []).length > 0 || volume.State === 'in-use';
      if (!attached) return;
      const resource = { type: 'AWS::EC2::Volume', id: arn(out.partition, region, out.accountId, 'volume', volume.VolumeId ?? ''), name: nameTag(volume.Tags) };
      const evidence = { api: 'ec2:DescribeVolumes', field: 'Encrypted', value: volume.Encrypted ?? false };
      if (volume.Encrypted !== true) out.fail(region, resource, `${volume.VolumeId} is attached and not encrypted (Encrypted = false)`, evidence);
      else if (kmsId && !keyMatches(volume.KmsKeyId, kmsId)) out.fail(region, resource, `${volume.VolumeId} is encrypted with ${volume.KmsKeyId ?? 'an unknown key'}, not with ${kmsId} (KmsKeyId)`, { ...evidence, field: 'KmsKeyId', value: volume.KmsKeyId ?? null });
      else out.pass(region, resource, `${volume.VolumeId} is encrypted${volume.KmsKeyId ? ` with ${volume.KmsKeyId}` : ''}`, evidence);
    });
    return out.list;
  },
});

/** KmsKeyId is an ARN; the parameter may be the ARN or the bare key id. */
function keyMatches(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  return actual === wanted || actual.endsWith(`:key/${wanted}`) || wanted.endsWith(`:key/${actual}`);
}
