import { dbClusterSnapshots, dbSnapshots } from '../../../inventory/views/rds.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP RDS.4 / Config rds-snapshot-encrypted: DB snapshots (Encrypted) and cluster snapshots (StorageEncrypted). */
export default defineCheck({
  title: 'RDS cluster snapshots and database snapshots should be encrypted at rest',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBSnapshot',
  description: 'Checks that RDS DB snapshots are encrypted (DescribeDBSnapshots → Encrypted) and, where collected, DB cluster snapshots too (DescribeDBClusterSnapshots → StorageEncrypted).',
  risk: 'An unencrypted snapshot copied or shared outside its account exposes the whole database.',
  remediation: {
    text: 'Copy the snapshot with encryption enabled, delete the unencrypted one, and encrypt the source database.',
    console: 'RDS console → Snapshots → select → Actions → Copy snapshot → Enable encryption → choose a key → Copy snapshot; then delete the original.',
    cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <snap> --target-db-snapshot-identifier <snap>-enc --kms-key-id <key>',
    terraform: 'resource "aws_db_snapshot_copy" "enc" {\n  source_db_snapshot_identifier = aws_db_snapshot.this.db_snapshot_arn\n  target_db_snapshot_identifier = "snap-enc"\n  kms_key_id                    = aws_kms_key.rds.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-4',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-snapshot-encrypted.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::RDS::DBSnapshot');
    out.each(dbSnapshots(context), (snapshot, region) => {
      const resource = { type: 'AWS::RDS::DBSnapshot', id: snapshot.DBSnapshotArn ?? snapshot.DBSnapshotIdentifier ?? '', name: snapshot.DBSnapshotIdentifier };
      const evidence = { api: 'rds:DescribeDBSnapshots', field: 'Encrypted', value: snapshot.Encrypted ?? false };
      if (snapshot.Encrypted === true) out.pass(region, resource, `${snapshot.DBSnapshotIdentifier} is encrypted`, evidence);
      else out.fail(region, resource, `${snapshot.DBSnapshotIdentifier} is not encrypted (Encrypted = false)`, evidence);
    });
    for (const list of dbClusterSnapshots(context)) {
      if (list.result.kind === 'missing') continue; // cluster snapshots are collected by newer collectors only
      out.each([list], (snapshot, region) => {
        const resource = { type: 'AWS::RDS::DBClusterSnapshot', id: snapshot.DBClusterSnapshotArn ?? snapshot.DBClusterSnapshotIdentifier ?? '', name: snapshot.DBClusterSnapshotIdentifier };
        const evidence = { api: 'rds:DescribeDBClusterSnapshots', field: 'StorageEncrypted', value: snapshot.StorageEncrypted ?? false };
        if (snapshot.StorageEncrypted === true) out.pass(region, resource, `${snapshot.DBClusterSnapshotIdentifier} is encrypted`, evidence);
        else out.fail(region, resource, `${snapshot.DBClusterSnapshotIdentifier} is not encrypted (StorageEncrypted = false)`, evidence);
      });
    }
    return out.list;
  },
});
