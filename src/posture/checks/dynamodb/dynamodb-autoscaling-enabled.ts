import { describeTable, tableArn, tableNames } from '../../../inventory/views/dynamodb.ts';
import { listPerRegion } from '../../../inventory/views/regional-calls.ts';
import { defineCheck } from '../../check.ts';
import { Results } from '../ec2/_lib/results.ts';

/** The fields of application-auto-scaling's ScalableTarget this check reads (no SDK client is installed for it). */
interface ScalableTarget {
  ResourceId?: string;
  ScalableDimension?: string;
}

/**
 * FSBP DynamoDB.1 / Config dynamodb-autoscaling-enabled: on-demand tables comply; provisioned
 * tables need read and write auto scaling on the table and on each global secondary index
 * (application-auto-scaling DescribeScalableTargets, ServiceNamespace dynamodb).
 */
export default defineCheck({
  title: 'DynamoDB tables should automatically scale capacity with demand',
  severity: 'MEDIUM',
  resourceType: 'AWS::DynamoDB::Table',
  description: 'Checks that each table is on-demand (DescribeTable → BillingModeSummary.BillingMode = PAY_PER_REQUEST) or has read and write capacity auto scaling for the table and its global secondary indexes (application-auto-scaling:DescribeScalableTargets → ResourceId, ScalableDimension).',
  risk: 'Fixed provisioned capacity throttles requests under load — an availability risk that attackers can trigger with traffic.',
  remediation: {
    text: 'Switch the table to on-demand capacity or register read and write scalable targets with target-tracking policies.',
    console: 'DynamoDB console → Tables → select → Additional settings → Read/write capacity → Edit → On-demand, or Provisioned with Auto scaling on for read and write → Save changes.',
    cli: 'aws application-autoscaling register-scalable-target --service-namespace dynamodb --resource-id table/<table> --scalable-dimension dynamodb:table:ReadCapacityUnits --min-capacity 5 --max-capacity 500',
    cloudformation: 'Type: AWS::ApplicationAutoScaling::ScalableTarget\nProperties:\n  ServiceNamespace: dynamodb\n  ResourceId: table/orders\n  ScalableDimension: dynamodb:table:ReadCapacityUnits\n  MinCapacity: 5\n  MaxCapacity: 500',
    terraform: 'resource "aws_appautoscaling_target" "read" {\n  service_namespace  = "dynamodb"\n  resource_id        = "table/${aws_dynamodb_table.this.name}"\n  scalable_dimension = "dynamodb:table:ReadCapacityUnits"\n  min_capacity       = 5\n  max_capacity       = 500\n}',
  },
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html', 'https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-1', 'https://docs.aws.amazon.com/config/latest/developerguide/dynamodb-autoscaling-enabled.html'],
  evaluate(context) {
    const out = new Results(context, 'AWS::DynamoDB::Table');
    const targets = new Map(listPerRegion<{ ScalableTargets?: ScalableTarget[] }, ScalableTarget>(context, 'application-auto-scaling', 'DescribeScalableTargets', (r) => r.ScalableTargets).map((list) => [list.region, list]));
    out.each(tableNames(context), (name, region) => {
      const resource = { type: 'AWS::DynamoDB::Table', id: tableArn(out.partition, region, out.accountId, name), name };
      const answer = describeTable(context, region, name);
      if (answer.result.kind !== 'data' || !answer.result.data.Table) return out.unanswered(region, resource, answer);
      const table = answer.result.data.Table;
      if (table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST') return out.pass(region, resource, `${name} uses on-demand capacity (BillingMode = PAY_PER_REQUEST)`, { api: 'dynamodb:DescribeTable', field: 'BillingModeSummary.BillingMode' });
      const list = targets.get(region);
      if (!list || list.result.kind !== 'data') return out.unavailable(region, resource, 'application-auto-scaling', 'DescribeScalableTargets', list?.result ?? { kind: 'missing' });
      const have = new Set(list.items.map((t) => `${t.ResourceId} ${t.ScalableDimension}`));
      const needed: string[] = [];
      for (const kind of ['Read', 'Write']) {
        needed.push(`table/${name} dynamodb:table:${kind}CapacityUnits`);
        for (const index of table.GlobalSecondaryIndexes ?? []) needed.push(`table/${name}/index/${index.IndexName} dynamodb:index:${kind}CapacityUnits`);
      }
      const missing = needed.filter((entry) => !have.has(entry));
      const evidence = { api: 'application-auto-scaling:DescribeScalableTargets', field: 'ResourceId, ScalableDimension', missing };
      if (missing.length > 0) out.fail(region, resource, `${name} uses provisioned capacity without auto scaling for: ${missing.join('; ')}`, evidence);
      else out.pass(region, resource, `${name} auto scales read and write capacity`, evidence);
    });
    return out.list;
  },
});
