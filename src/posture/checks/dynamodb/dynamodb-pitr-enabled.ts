import { continuousBackups, tableArn, tableNames } from '../../../inventory/views/dynamodb.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP DynamoDB.2 / Config dynamodb-pitr-enabled. */
export default defineCheck({
  title: 'DynamoDB tables should have point-in-time recovery enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::DynamoDB::Table',
  description: 'Checks that point-in-time recovery is on for each table (DescribeContinuousBackups → ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus = ENABLED).',
  risk: 'Without PITR, an accidental or malicious write or delete cannot be undone to the second before it happened.',
  remediation: {
    text: 'Enable point-in-time recovery.',
    console: 'DynamoDB console → Tables → select → Backups → Point-in-time recovery → Edit → Turn on → Save changes.',
    cli: 'aws dynamodb update-continuous-backups --table-name <table> --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true',
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  PointInTimeRecoverySpecification:\n    PointInTimeRecoveryEnabled: true',
    terraform: 'resource "aws_dynamodb_table" "this" {\n  point_in_time_recovery {\n    enabled = true\n  }\n}',
  },
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-pitr-enabled.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::DynamoDB::Table');
    out.each(tableNames(context), (name, region) => {
      const resource = { type: 'AWS::DynamoDB::Table', id: tableArn(out.partition, region, out.accountId, name), name };
      const answer = continuousBackups(context, region, name);
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const status = answer.result.data.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
      const evidence = { api: 'dynamodb:DescribeContinuousBackups', field: 'PointInTimeRecoveryDescription.PointInTimeRecoveryStatus', value: status ?? null };
      if (status === 'ENABLED') out.pass(region, resource, `${name} has point-in-time recovery`, evidence);
      else out.fail(region, resource, `${name} has point-in-time recovery ${status ?? 'not set'} (PointInTimeRecoveryStatus)`, evidence);
    });
    return out.list;
  },
});
