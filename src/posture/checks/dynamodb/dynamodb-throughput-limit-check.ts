import { describeTable, limits, tableNames } from '../../../inventory/views/dynamodb.ts';
import { defineCheck } from '../../check.ts';
import { intParam, Results } from '../ec2/_lib/results.ts';

/**
 * Config dynamodb-throughput-limit-check: per account and region, the provisioned read and write
 * capacity of all tables (and their global secondary indexes) as a percentage of the account
 * limits (DescribeLimits → AccountMaxReadCapacityUnits / AccountMaxWriteCapacityUnits); reaching
 * accountRCUThresholdPercentage or accountWCUThresholdPercentage is NON_COMPLIANT. On-demand
 * tables provision nothing. Without DescribeLimits (or a table's DescribeTable) the result is ERROR.
 */
export default defineCheck({
  title: 'Provisioned DynamoDB throughput should stay below the account limits',
  severity: 'LOW',
  resourceType: 'AWS::::Account',
  description: 'Sums ProvisionedThroughput.ReadCapacityUnits/WriteCapacityUnits of tables and global secondary indexes (DescribeTable) in each region and compares them with the account limits (DescribeLimits).',
  risk: 'Near the account limit, scaling a table up during an incident or traffic spike fails and requests are throttled.',
  remediation: {
    text: 'Request a higher account throughput quota, move tables to on-demand capacity, or lower unused provisioned capacity.',
    console: 'Service Quotas console → AWS services → Amazon DynamoDB → Account-level read/write throughput limit → Request increase; or DynamoDB → Tables → Capacity → Edit → On-demand.',
    cli: 'aws service-quotas request-service-quota-increase --service-code dynamodb --quota-code L-F98FE922 --desired-value <value>\naws dynamodb update-table --table-name <table> --billing-mode PAY_PER_REQUEST',
    terraform: 'resource "aws_dynamodb_table" "this" {\n  billing_mode = "PAY_PER_REQUEST"\n}',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html', 'https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-throughput-limit-check.html'],
  parameters: {
    accountRCUThresholdPercentage: { description: 'Percentage of provisioned read capacity units for your account; reaching it is NON_COMPLIANT.', default: 80 },
    accountWCUThresholdPercentage: { description: 'Percentage of provisioned write capacity units for your account; reaching it is NON_COMPLIANT.', default: 80 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::::Account');
    const rcuLimit = intParam(context.parameters, 'accountRCUThresholdPercentage') ?? 80;
    const wcuLimit = intParam(context.parameters, 'accountWCUThresholdPercentage') ?? 80;
    for (const list of tableNames(context)) {
      const { region } = list;
      const resource = { type: 'AWS::::Account', id: context.account.id };
      const limit = limits(context, region);
      if (limit.kind !== 'data') {
        out.unavailable(region, resource, 'dynamodb', 'DescribeLimits', limit);
        continue;
      }
      if (list.result.kind !== 'data') {
        out.unavailable(region, resource, 'dynamodb', 'ListTables', list.result);
        continue;
      }
      let read = 0;
      let write = 0;
      const unknown: string[] = [];
      for (const name of list.items) {
        const answer = describeTable(context, region, name);
        if (answer.result.kind !== 'data' || !answer.result.data.Table) {
          unknown.push(name);
          continue;
        }
        const table = answer.result.data.Table;
        if (table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST') continue;
        read += table.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
        write += table.ProvisionedThroughput?.WriteCapacityUnits ?? 0;
        for (const index of table.GlobalSecondaryIndexes ?? []) {
          read += index.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
          write += index.ProvisionedThroughput?.WriteCapacityUnits ?? 0;
        }
      }
      if (unknown.length > 0) {
        out.add('ERROR', region, resource, `dynamodb:DescribeTable gave no data for ${unknown.join(', ')}: provisioned throughput is unknown`, { api: 'dynamodb:DescribeTable', tables: unknown });
        continue;
      }
      const maxRead = limit.data.AccountMaxReadCapacityUnits ?? 0;
      const maxWrite = limit.data.AccountMaxWriteCapacityUnits ?? 0;
      const readPct = maxRead > 0 ? (read / maxRead) * 100 : 0;
      const writePct = maxWrite > 0 ? (write / maxWrite) * 100 : 0;
      const evidence = { api: 'dynamodb:DescribeLimits', field: 'AccountMaxReadCapacityUnits, AccountMaxWriteCapacityUnits', read, write, maxRead, maxWrite };
      const problems: string[] = [];
      if (readPct >= rcuLimit) problems.push(`read capacity ${read}/${maxRead} RCU = ${readPct.toFixed(1)}% ≥ ${rcuLimit}%`);
      if (writePct >= wcuLimit) problems.push(`write capacity ${write}/${maxWrite} WCU = ${writePct.toFixed(1)}% ≥ ${wcuLimit}%`);
      if (problems.length > 0) out.fail(region, resource, `provisioned DynamoDB throughput in ${region} is near the account limit: ${problems.join('; ')}`, evidence);
      else out.pass(region, resource, `provisioned DynamoDB throughput in ${region}: ${readPct.toFixed(1)}% of read and ${writePct.toFixed(1)}% of write limits`, evidence);
    }
    return out.list;
  },
});
