import { defineCheck } from '../../check.ts';
import { flag, judgeClusters } from './_lib/rds.ts';

/** FSBP RDS.27 / Config rds-cluster-encrypted-at-rest. */
export default defineCheck({
  title: 'RDS DB clusters should be encrypted at rest',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBCluster',
  description: 'Checks that RDS DB clusters encrypt their storage (DescribeDBClusters → StorageEncrypted).',
  risk: 'An unencrypted cluster exposes its data, backups and snapshots to anyone who reaches the underlying storage or a shared snapshot.',
  remediation: {
    text: 'Encryption is chosen at creation: snapshot the cluster, copy the snapshot with a KMS key, and restore an encrypted cluster from it.',
    console: 'RDS console → Snapshots → select a cluster snapshot → Actions → Copy snapshot → Enable encryption; then Actions → Restore snapshot.',
    cli: 'aws rds copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier <snap> --target-db-cluster-snapshot-identifier <snap>-enc --kms-key-id <key>',
    cloudformation: 'Type: AWS::RDS::DBCluster\nProperties:\n  StorageEncrypted: true\n  KmsKeyId: !Ref Key',
    terraform: 'resource "aws_rds_cluster" "this" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27', 'https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-encrypted-at-rest.html'],
  evaluate: (context) => judgeClusters(context, (c) => flag('rds:DescribeDBClusters', 'StorageEncrypted', c.StorageEncrypted, c.DBClusterIdentifier ?? '', 'storage is encrypted', 'storage is not encrypted')),
});
