import { describeTable, tableArn, tableNames } from '../../../inventory/views/dynamodb.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** FSBP DynamoDB.6 / Config dynamodb-table-deletion-protection-enabled. */
export default defineCheck({
  title: 'DynamoDB tables should have deletion protection enabled',
  severity: 'MEDIUM',
  resourceType: 'AWS::DynamoDB::Table',
  description: 'Checks that deletion protection is on for each table (DescribeTable → Table.DeletionProtectionEnabled).',
  risk: 'A mistaken or malicious DeleteTable call destroys the table and its data at once.',
  remediation: {
    text: 'Enable deletion protection.',
    console: 'DynamoDB console → Tables → select → Additional settings → Deletion protection → Turn on.',
    cli: 'aws dynamodb update-table --table-name <table> --deletion-protection-enabled',
    cloudformation: 'Type: AWS::DynamoDB::Table\nProperties:\n  DeletionProtectionEnabled: true',
    terraform: 'resource "aws_dynamodb_table" "this" {\n  deletion_protection_enabled = true\n}',
  },
  references: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6',
    'https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-table-deletion-protection-enabled.html',
  ],
  evaluate(context) {
    const out = new Results(context, 'AWS::DynamoDB::Table');
    out.each(tableNames(context), (name, region) => {
      const resource = { type: 'AWS::DynamoDB::Table', id: tableArn(out.partition, region, out.accountId, name), name };
      const answer = describeTable(context, region, name);
      if (answer.result.kind !== 'data') return out.unanswered(region, resource, answer);
      const on = answer.result.data.Table?.DeletionProtectionEnabled === true;
      const evidence = { api: 'dynamodb:DescribeTable', field: 'Table.DeletionProtectionEnabled', value: on };
      if (on) out.pass(region, resource, `${name} has deletion protection`, evidence);
      else out.fail(region, resource, `${name} has no deletion protection (Table.DeletionProtectionEnabled = false)`, evidence);
    });
    return out.list;
  },
});
