import type { DescribeContinuousBackupsOutput, DescribeLimitsOutput, DescribeTableOutput } from '@aws-sdk/client-dynamodb';
import { listPerRegion, perResource, regionalCall, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the DynamoDB responses in a snapshot. */
const S = 'dynamodb';

export function tableNames(context: ViewContext): Array<RegionalList<string>> {
  return listPerRegion<{ TableNames?: string[] }, string>(context, S, 'ListTables', (r) => r.TableNames);
}
export function describeTable(context: ViewContext, region: string, name: string): ResourceAnswer<DescribeTableOutput> {
  return perResource<DescribeTableOutput>(context, S, 'DescribeTable', region, name);
}
export function continuousBackups(context: ViewContext, region: string, name: string): ResourceAnswer<DescribeContinuousBackupsOutput> {
  return perResource<DescribeContinuousBackupsOutput>(context, S, 'DescribeContinuousBackups', region, name);
}
export function limits(context: ViewContext, region: string) {
  return regionalCall<DescribeLimitsOutput>(context, S, 'DescribeLimits', region);
}
export function tableArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:dynamodb:${region}:${account}:table/${name}`;
}
