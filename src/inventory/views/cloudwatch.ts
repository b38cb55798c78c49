import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** CloudWatch metric alarms per region. */

export interface MetricAlarm {
  AlarmName?: string;
  AlarmArn?: string;
  MetricName?: string;
  Namespace?: string;
  ActionsEnabled?: boolean;
  AlarmActions?: string[];
  Metrics?: Array<{ MetricStat?: { Metric?: { MetricName?: string; Namespace?: string } } }>;
}

export interface CloudWatchView {
  alarms(region: string): Got<MetricAlarm[]>;
}

export const cloudwatchView = memoView((snapshot: Snapshot, accountId: string): CloudWatchView => ({
  alarms: (region) => got('cloudwatch', 'DescribeAlarms', region, snapshot.call<any>(accountId, 'cloudwatch', 'DescribeAlarms', region), (d) => d.MetricAlarms ?? []),
}));
