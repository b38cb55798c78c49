import { defineCheck } from '../../check.ts';
import { intParam } from '../ec2/_lib/results.ts';
import { judgeInstances } from './_lib/rds.ts';

/** FSBP RDS.6 / Config rds-enhanced-monitoring-enabled (optional monitoringInterval). */
export default defineCheck({
  title: 'Enhanced monitoring should be configured for RDS DB instances',
  severity: 'LOW',
  resourceType: 'AWS::RDS::DBInstance',
  description: 'Checks that Enhanced Monitoring is on (DescribeDBInstances → MonitoringInterval > 0) and, when monitoringInterval is set, that it uses that interval.',
  risk: 'Without OS-level metrics, resource exhaustion or abuse of the database host goes unnoticed and is hard to investigate.',
  remediation: {
    text: 'Enable Enhanced Monitoring with a monitoring role and a granularity of 60 seconds or less.',
    console: 'RDS console → Databases → select the instance → Modify → Monitoring → Enable Enhanced Monitoring → Granularity → Continue → Apply.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <id> --monitoring-interval 60 --monitoring-role-arn <role-arn>',
    cloudformation: 'Type: AWS::RDS::DBInstance\nProperties:\n  MonitoringInterval: 60\n  MonitoringRoleArn: !GetAtt MonitoringRole.Arn',
    terraform: 'resource "aws_db_instance" "this" {\n  monitoring_interval = 60\n  monitoring_role_arn = aws_iam_role.rds_monitoring.arn\n}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-6',
    'https://docs.aws.amazon.com/config/latest/developerguide/rds-enhanced-monitoring-enabled.html',
  ],
  parameters: {
    monitoringInterval: { description: 'Required interval in seconds between Enhanced Monitoring metric collections (optional).', default: '' },
  },
  evaluate(context) {
    const wanted = intParam(context.parameters, 'monitoringInterval');
    return judgeInstances(context, (db) => {
      const interval = db.MonitoringInterval ?? 0;
      const evidence = { api: 'rds:DescribeDBInstances', field: 'MonitoringInterval', value: interval };
      if (interval <= 0) return { status: 'FAIL', reason: `${db.DBInstanceIdentifier} has Enhanced Monitoring off (MonitoringInterval = ${interval})`, evidence };
      if (wanted !== undefined && interval !== wanted) return { status: 'FAIL', reason: `${db.DBInstanceIdentifier} monitors every ${interval}s, not every ${wanted}s (MonitoringInterval)`, evidence };
      return { status: 'PASS', reason: `${db.DBInstanceIdentifier} has Enhanced Monitoring every ${interval}s`, evidence };
    });
  },
});
