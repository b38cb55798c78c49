import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** CloudWatch Logs metric filters and log groups per region. */

export interface MetricFilter {
  filterName?: string;
  filterPattern?: string;
  logGroupName?: string;
  metricTransformations?: Array<{ metricName?: string; metricNamespace?: string }>;
}

export interface LogGroup {
  logGroupName?: string;
  arn?: string;
  retentionInDays?: number;
  kmsKeyId?: string;
}

export interface CloudWatchLogsView {
  metricFilters(region: string): Got<MetricFilter[]>;
  logGroups(region: string): Got<LogGroup[]>;
}

export const cloudwatchLogsView = memoView((snapshot: Snapshot, accountId: string): CloudWatchLogsView => ({
  metricFilters: (region) => got('cloudwatch-logs', 'DescribeMetricFilters', region, snapshot.call<any>(accountId, 'cloudwatch-logs', 'DescribeMetricFilters', region), (d) => d.metricFilters ?? []),
  logGroups: (region) => got('cloudwatch-logs', 'DescribeLogGroups', region, snapshot.call<any>(accountId, 'cloudwatch-logs', 'DescribeLogGroups', region), (d) => d.logGroups ?? []),
}));

/** `arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/logs:*` → its region, account and name. */
export function parseLogGroupArn(arn: string | undefined): { region: string; account: string; name: string } | undefined {
  const match = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn ?? '');
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}
