import { defineCheck } from '../../check.ts';
import { judgeInstances } from './_lib/rds.ts';

/**
 * FSBP RDS.9 / Config rds-logging-enabled: the logs Security Hub requires per engine must be
 * exported to CloudWatch Logs (EnabledCloudwatchLogsExports). Aurora members export at cluster level.
 */
const REQUIRED: Array<[RegExp, string[]]> = [
  [/^postgres$/, ['postgresql', 'upgrade']],
  [/^(mysql|mariadb)$/, ['audit', 'error', 'general', 'slowquery']],
  [/^oracle/, ['alert', 'audit', 'trace', 'listener']],
  [/^sqlserver/, ['error', 'agent']],
  [/^db2/, ['diag.log', 'notify.log']],
];

export default defineCheck({
  title: 'RDS DB instances should publish logs to CloudWatch Logs',
  severity: 'MEDIUM',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that each RDS instance exports the engine logs Security Hub expects — PostgreSQL: postgresql, upgrade; MySQL/MariaDB: audit, error, general, slowquery; Oracle: alert, audit, trace, listener; SQL Server: error, agent — to CloudWatch Logs (DescribeDBInstances → EnabledCloudwatchLogsExports).',
  risk: 'Database logs kept only on the instance are lost with it and cannot be searched, alarmed on or kept for investigations.',
  remediation: {
    text: 'Enable the engine\'s log exports to CloudWatch Logs (for MySQL audit logs, add the MARIADB_AUDIT_PLUGIN option).',
    console: 'RDS console → Databases → select the instance → Modify → Log exports → tick the log types → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --cloudwatch-logs-export-configuration \'{"EnableLogTypes":["postgresql","upgrade"]}\'',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  EnableCloudwatchLogsExports: [postgresql, upgrade]',
    terraform: 'resource "aws_db_instance" "this" {\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-9',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-logging-enabled.html',
  ],
  evaluate: (context) =>
    judgeInstances(
      context,
      (db) => {
        const required = REQUIRED.find(([pattern]) => pattern.test(db.Engine ?? ''))?.[1];
        if (!required) return { status: 'NOT_APPLICABLE', reason: `${db.DBInstanceIdentifier}: no required log set for engine ${db.Engine ?? 'unknown'}` };
        const enabled = db.EnabledCloudwatchLogsExports ?? [];
        const missing = required.filter((log) => !enabled.includes(log));
        const evidence = { api: 'rds:DescribeDBInstances', field: 'EnabledCloudwatchLogsExports', value: enabled };
        return missing.length > 0
          ? { status: 'FAIL', reason: `${db.DBInstanceIdentifier} (${db.Engine}) does not export ${missing.join(', ')} to CloudWatch Logs (EnabledCloudwatchLogsExports = [${enabled.join(', ')}])`, evidence }
          : { status: 'PASS', reason: `${db.DBInstanceIdentifier} exports ${required.join(', ')} to CloudWatch Logs`, evidence };
      },
      { skipClusterMembers: true },
    ),
});
