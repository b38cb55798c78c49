import { defineCheck } from '../../check.ts';
import { boolParam, intParam, stringParam } from '../ec2/_lib/results.ts';
import { judgeInstances } from './_lib/rds.ts';

/**
 * FSBP RDS.11 / Config db-instance-backup-enabled: automated backups on (BackupRetentionPeriod > 0);
 * optionally the retention equals backupRetentionPeriod, is at least backupRetentionMinimum,
 * and the window equals preferredBackupWindow. Read replicas are evaluated only with
 * checkReadReplicas = true (otherwise NOT_APPLICABLE).
 */
export default defineCheck({
  title: 'RDS instances should have automatic backups enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that RDS DB instances have automated backups (DescribeDBInstances → BackupRetentionPeriod > 0) and, when parameters are set, the expected retention period, minimum retention and backup window (PreferredBackupWindow).',
  risk: 'Without automated backups there is no point-in-time recovery after corruption, ransomware or a bad deployment.',
  remediation: {
    text: 'Set a backup retention period of at least 7 days (and the required backup window).',
    console: 'RDS console → Databases → select the instance → Modify → Backup → Backup retention period → 7 days or more → Continue → Apply immediately.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period 7 --preferred-backup-window 03:00-04:00 --apply-immediately',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  BackupRetentionPeriod: 7\n  PreferredBackupWindow: "03:00-04:00"',
    terraform: 'resource "aws_db_instance" "this" {\n  backup_retention_period = 7\n  backup_window           = "03:00-04:00"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11',
    'https://docs.aws.amazon.com/config/latest/developerguide/db-instance-backup-enabled.html',
  ],
  parameters: {
    backupRetentionPeriod: { description: 'Retention period for backups, in days (optional; the instance must use exactly this value).', default: '' },
    backupRetentionMinimum: { description: 'Minimum retention period for backups, in days (optional).', default: '' },
    preferredBackupWindow: { description: 'Time range in which backups are created, hh24:mi-hh24:mi UTC (optional).', default: '' },
    checkReadReplicas: { description: 'Also evaluate read replicas (optional).', default: false },
  },
  evaluate(context) {
    const period = intParam(context.parameters, 'backupRetentionPeriod');
    const minimum = intParam(context.parameters, 'backupRetentionMinimum');
    const window = stringParam(context.parameters, 'preferredBackupWindow');
    const checkReplicas = boolParam(context.parameters, 'checkReadReplicas') === true;
    return judgeInstances(context, (db) => {
      const name = db.DBInstanceIdentifier ?? '';
      if (db.ReadReplicaSourceDBInstanceIdentifier && !checkReplicas) {
        return { status: 'NOT_APPLICABLE', reason: `${name} is a read replica of ${db.ReadReplicaSourceDBInstanceIdentifier} and checkReadReplicas is not true` };
      }
      const retention = db.BackupRetentionPeriod ?? 0;
      const evidence = { api: 'rds:DescribeDBInstances', field: 'BackupRetentionPeriod', value: retention, window: db.PreferredBackupWindow ?? null };
      const problems: string[] = [];
      if (retention <= 0) problems.push('automated backups are off (BackupRetentionPeriod = 0)');
      else {
        if (period !== undefined && retention !== period) problems.push(`BackupRetentionPeriod is ${retention}, not ${period}`);
        if (minimum !== undefined && retention < minimum) problems.push(`BackupRetentionPeriod ${retention} is below the minimum ${minimum}`);
      }
      if (window && db.PreferredBackupWindow !== window) problems.push(`PreferredBackupWindow is ${db.PreferredBackupWindow ?? 'not set'}, not ${window}`);
      return problems.length > 0
        ? { status: 'FAIL', reason: `${name}: ${problems.join('; ')}`, evidence }
        : { status: 'PASS', reason: `${name} keeps automated backups for ${retention} days (window ${db.PreferredBackupWindow ?? 'not set'})`, evidence };
    });
  },
});
