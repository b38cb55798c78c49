import { fileSystems } from '../../../inventory/views/efs.ts';
import { defineCheck } from '../../check.ts';
import { Results, stringParam } from '../ec2/_lib/results.ts';

/** CIS 2.3.1 / FSBP EFS.1 / Config efs-encrypted-check (KmsKeyId optional). */
export default defineCheck({
  title: 'EFS file systems should encrypt data at rest with AWS KMS',
  severity: 'MEDIUM',
  resourceType: 'AWS::EFS::FileSystem',
  description: 'Checks that each EFS file system is encrypted (DescribeFileSystems → Encrypted) and, when KmsKeyId is set, with that key (KmsKeyId).',
  risk: 'Unencrypted file systems expose shared files and their backups to anyone who reaches the underlying storage.',
  remediation: {
    text: 'Encryption is chosen at creation: create an encrypted file system and copy the data (AWS DataSync), then retire the old one.',
    console: 'EFS console → Create file system → Customize → Enable encryption of data at rest → choose a KMS key → Create; copy the data with DataSync.',
    cli: 'aws efs create-file-system --encrypted --kms-key-id <key> --performance-mode generalPurpose',
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  Encrypted: true\n  KmsKeyId: !Ref Key',
    terraform: 'resource "aws_efs_file_system" "this" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/efs/latest/ug/encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1',
    'https://docs.aws.amazon.com/config/latest/developerguide/efs-encrypted-check.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  parameters: {
    KmsKeyId: { description: 'ARN of the KMS key used to encrypt the file system (optional).', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::EFS::FileSystem');
    const key = stringParam(context.parameters, 'KmsKeyId');
    out.each(fileSystems(context), (fs, region) => {
      const resource = { type: 'AWS::EFS::FileSystem', id: fs.FileSystemArn ?? fs.FileSystemId ?? '', name: fs.Name ?? fs.FileSystemId };
      const evidence = { api: 'efs:DescribeFileSystems', field: 'Encrypted', value: fs.Encrypted ?? false };
      if (fs.Encrypted !== true) out.fail(region, resource, `${fs.FileSystemId} is not encrypted at rest (Encrypted = false)`, evidence);
      else if (key && fs.KmsKeyId !== key && !fs.KmsKeyId?.endsWith(`:key/${key}`)) out.fail(region, resource, `${fs.FileSystemId} is encrypted with ${fs.KmsKeyId ?? 'an unknown key'}, not ${key} (KmsKeyId)`, { ...evidence, field: 'KmsKeyId' });
      else out.pass(region, resource, `${fs.FileSystemId} is encrypted at rest${fs.KmsKeyId ? ` with ${fs.KmsKeyId}` : ''}`, evidence);
    });
    return out.list;
  },
});
