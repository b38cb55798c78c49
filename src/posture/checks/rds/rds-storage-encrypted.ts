import { defineCheck } from '../../check.ts';
import { stringParam } from '../ec2/_lib/results.ts';
import { judgeInstances } from './_lib/rds.ts';

/**
 * CIS 2.2.1 / FSBP RDS.3 / Config rds-storage-encrypted: StorageEncrypted must be true and,
 * with kmsKeyId, the instance's KmsKeyId must be that key (id or ARN).
 */
export default defineCheck({
  title: 'RDS DB instances should have encryption at rest enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that storage encryption is enabled for RDS DB instances (DescribeDBInstances → StorageEncrypted) and, when kmsKeyId is set, that the instance uses that KMS key (KmsKeyId).',
  risk: 'Unencrypted database storage, its automated backups, replicas and snapshots expose data to anyone who gets hold of the underlying storage or a shared snapshot.',
  remediation: {
    text: 'Encryption can only be chosen at creation: snapshot the instance, copy the snapshot with encryption, and restore a new encrypted instance from it.',
    console: 'RDS console → Snapshots → select a snapshot of the instance → Actions → Copy snapshot → Enable encryption → choose the key; then Actions → Restore snapshot.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new> --db-snapshot-identifier <snap>-enc',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  StorageEncrypted: true\n  KmsKeyId: !Ref Key',
    terraform: 'resource "aws_db_instance" "this" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-storage-encrypted.html',
    'https://www.cisecurity.org/benchmark/amazon_web_services',
  ],
  parameters: {
    kmsKeyId: { description: 'KMS key ID or ARN used to encrypt the storage (optional).', default: '' },
  },
  evaluate(context) {
    const kmsKeyId = stringParam(context.parameters, 'kmsKeyId');
    return judgeInstances(context, (db) => {
      const evidence = { api: 'rds:DescribeDBInstances', field: 'StorageEncrypted', value: db.StorageEncrypted ?? false };
      if (db.StorageEncrypted !== true) return { status: 'FAIL', reason: `${db.DBInstanceIdentifier} storage is not encrypted (StorageEncrypted = false)`, evidence };
      const key = db.KmsKeyId;
      if (kmsKeyId && !(key === kmsKeyId || key?.endsWith(`:key/${kmsKeyId}`) || kmsKeyId.endsWith(`:key/${key ?? '-'}`))) {
        return { status: 'FAIL', reason: `${db.DBInstanceIdentifier} is encrypted with ${key ?? 'an unknown key'}, not ${kmsKeyId} (KmsKeyId)`, evidence: { ...evidence, field: 'KmsKeyId', value: key ?? null } };
      }
      return { status: 'PASS', reason: `${db.DBInstanceIdentifier} storage is encrypted${key ? ` with ${key}` : ''}`, evidence };
    });
  },
});
