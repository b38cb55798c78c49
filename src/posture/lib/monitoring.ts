import type { Severity } from '../../core/severity.ts';
import { cloudtrailView, logsAllManagementEvents, type Trail } from '../../inventory/views/cloudtrail.ts';
import { cloudwatchView, type MetricAlarm } from '../../inventory/views/cloudwatch.ts';
import { cloudwatchLogsView, parseLogGroupArn } from '../../inventory/views/cloudwatch-logs.ts';
import { isConfirmed, snsView } from '../../inventory/views/sns.ts';
import { defineCheck, type CheckContext, type CheckDefinition, type CheckResult } from '../check.ts';
import { patternCovers } from './filter-pattern.ts';
import { GLOBAL, accountResource, failedResult, fail, pass } from './result.ts';
import type { FailedCall } from '../../inventory/views/account.ts';

/**
 * CIS 4.1–4.15: a CloudTrail trail (multi-region, logging, all management events) delivers to
 * a CloudWatch Logs group; a metric filter on that group matches the benchmark's events; an
 * alarm watches the filter's metric and notifies an SNS topic that has at least one confirmed
 * subscription. The filter pattern is judged by what it matches (sample events), not by its
 * text. An organization trail counts for a member account when it delivers to a log group in
 * the management account, whose filters, alarms and topics are then the ones evaluated.
 */

export interface MonitoringSpec {
  control: string;
  title: string;
  severity: Severity;
  /** What the alarm is about, for messages: "unauthorized API calls". */
  subject: string;
  /** The benchmark's filter pattern, quoted in remediation. */
  pattern: string;
  /** Events the filter must match. */
  positive: Array<Record<string, unknown>>;
  /** Events it must not match (so `{ $.eventName = * }` does not count). */
  negative: Array<Record<string, unknown>>;
  metricName: string;
}

/** Sample CloudTrail events for a list of API names of one service. */
export function apiEvents(eventSource: string, names: string[]): Array<Record<string, unknown>> {
  return names.map((eventName) => ({ eventSource, eventName, eventType: 'AwsApiCall', userIdentity: { type: 'IAMUser' }, sourceIPAddress: '203.0.113.10', awsRegion: 'us-east-1' }));
}

interface Chain {
  trail: Trail;
  logAccount: string;
  logRegion: string;
  logGroup: string;
}

export function monitoringCheck(spec: MonitoringSpec): CheckDefinition {
  return defineCheck({
    title: `A log metric filter and alarm exist for ${spec.subject}`,
    severity: spec.severity,
    resourceType: 'AWS::::Account',
    description: `CIS ${spec.control}: ${spec.title}. CloudTrail events are sent to CloudWatch Logs, a metric filter counts ${spec.subject}, and an alarm notifies an SNS topic with a subscriber.`,
    risk: `Without an alarm, ${spec.subject} go unnoticed until someone reads the logs, which lengthens the time to detect misuse.`,
    remediation: {
      text: `On the log group of a multi-region CloudTrail trail, create a metric filter with the benchmark pattern, an alarm on its metric (Sum >= 1 over 300 s), and an SNS topic with a confirmed subscription.`,
      console: 'CloudWatch console → Log groups → the trail’s log group → Metric filters → Create metric filter; then Alarms → Create alarm on the new metric, notifying an SNS topic with a subscriber.',
      cli: [
        `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${spec.metricName} --metric-transformations metricName=${spec.metricName},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${spec.pattern}'`,
        `aws cloudwatch put-metric-alarm --alarm-name ${spec.metricName}-alarm --metric-name ${spec.metricName} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>`,
      ].join('\n'),
      cloudformation: `MetricFilter:\n  Type: AWS::Logs::MetricFilter\n  Properties:\n    LogGroupName: !Ref TrailLogGroup\n    FilterPattern: '${spec.pattern}'\n    MetricTransformations:\n      - {MetricName: ${spec.metricName}, MetricNamespace: CISBenchmark, MetricValue: '1'}\nAlarm:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    MetricName: ${spec.metricName}\n    Namespace: CISBenchmark\n    Statistic: Sum\n    Period: 300\n    EvaluationPeriods: 1\n    Threshold: 1\n    ComparisonOperator: GreaterThanOrEqualToThreshold\n    AlarmActions: [!Ref AlertTopic]`,
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
      'https://www.cisecurity.org/benchmark/amazon_web_services',
    ],
    evaluate: (ctx) => evaluateMonitoring(ctx, spec),
  });
}

function evaluateMonitoring(ctx: CheckContext, spec: MonitoringSpec): CheckResult[] {
  const resource = accountResource(ctx);
  const trails = cloudtrailView(ctx.snapshot, ctx.account.id).trails(ctx.regions);
  const chains: Chain[] = [];
  const problems: string[] = [];
  const errors: FailedCall[] = [...trails.failures];
  for (const trail of trails.trails) {
    if (!trail.IsMultiRegionTrail) continue;
    const logGroup = parseLogGroupArn(trail.CloudWatchLogsLogGroupArn);
    if (!logGroup) {
      problems.push(`trail ${trail.Name} has no CloudWatch Logs group (cloudtrail:DescribeTrails CloudWatchLogsLogGroupArn)`);
      continue;
    }
    const ownAccount = trail.TrailARN?.split(':')[4] ?? ctx.account.id;
    const dataAccount = logGroup.account;
    if (dataAccount !== ctx.account.id && !(ctx.org?.adminAccountIds.includes(dataAccount) && ctx.snapshot.accounts.some((a) => a.id === dataAccount))) {
      problems.push(`trail ${trail.Name} delivers to log group ${logGroup.name} in account ${dataAccount}, whose data is not in the snapshot`);
      continue;
    }
    const view = cloudtrailView(ctx.snapshot, ownAccount === ctx.account.id || !ctx.snapshot.accounts.some((a) => a.id === ownAccount) ? ctx.account.id : ownAccount);
    const status = view.status(trail, ctx.regions);
    if (!status.ok) {
      errors.push(status.failed);
      continue;
    }
    if (!status.value.IsLogging) {
      problems.push(`trail ${trail.Name} is not logging (cloudtrail:GetTrailStatus IsLogging=false)`);
      continue;
    }
    const selectors = view.selectors(trail, ctx.regions);
    if (!selectors.ok) {
      errors.push(selectors.failed);
      continue;
    }
    if (!logsAllManagementEvents(trail, selectors.value)) {
      problems.push(`trail ${trail.Name} does not record all read and write management events (cloudtrail:GetEventSelectors)`);
      continue;
    }
    chains.push({ trail, logAccount: dataAccount, logRegion: logGroup.region, logGroup: logGroup.name });
  }
  for (const chain of chains) {
    const outcome = evaluateChain(ctx, spec, chain);
    if (outcome.kind === 'pass') {
      const where = chain.logAccount === ctx.account.id ? '' : ` in account ${chain.logAccount}`;
      return [pass(ctx, GLOBAL, resource, `trail ${chain.trail.Name} → log group ${chain.logGroup}${where} (${chain.logRegion}) → metric filter ${outcome.filter} → alarm ${outcome.alarm} → SNS topic ${outcome.topic} with a confirmed subscription`, { api: 'cloudwatch:DescribeAlarms', field: 'MetricAlarms[].AlarmActions', filterPattern: outcome.pattern })];
    }
    if (outcome.kind === 'error') errors.push(outcome.failed);
    else problems.push(outcome.reason);
  }
  // Some input could not be read: the missing trail or filter might have been the passing one.
  if (errors.length > 0) return [failedResult(ctx, errors[0]!, resource)];
  if (chains.length === 0 && problems.length === 0) problems.push('no multi-region CloudTrail trail delivers to CloudWatch Logs (cloudtrail:DescribeTrails IsMultiRegionTrail, CloudWatchLogsLogGroupArn)');
  return [fail(ctx, GLOBAL, resource, `no alarm on ${spec.subject}: ${problems.join('; ')}`, { api: 'cloudwatch-logs:DescribeMetricFilters', field: 'metricFilters[].filterPattern' })];
}

type ChainOutcome = { kind: 'pass'; filter: string; alarm: string; topic: string; pattern: string } | { kind: 'fail'; reason: string } | { kind: 'error'; failed: FailedCall };

function evaluateChain(ctx: CheckContext, spec: MonitoringSpec, chain: Chain): ChainOutcome {
  const filters = cloudwatchLogsView(ctx.snapshot, chain.logAccount).metricFilters(chain.logRegion);
  if (!filters.ok) return { kind: 'error', failed: filters.failed };
  const matching = filters.value.filter((f) => f.logGroupName === chain.logGroup && patternCovers(f.filterPattern, spec.positive, spec.negative));
  if (matching.length === 0) return { kind: 'fail', reason: `log group ${chain.logGroup} (${chain.logRegion}) has no metric filter matching ${spec.subject} (cloudwatch-logs:DescribeMetricFilters filterPattern)` };
  const alarms = cloudwatchView(ctx.snapshot, chain.logAccount).alarms(chain.logRegion);
  if (!alarms.ok) return { kind: 'error', failed: alarms.failed };
  const sns = snsView(ctx.snapshot, chain.logAccount);
  let reason = '';
  for (const filter of matching) {
    for (const metric of filter.metricTransformations ?? []) {
      const onMetric = alarms.value.filter((alarm) => watches(alarm, metric.metricName, metric.metricNamespace));
      if (onMetric.length === 0) {
        reason ||= `metric ${metric.metricNamespace}/${metric.metricName} of filter ${filter.filterName} has no alarm (cloudwatch:DescribeAlarms MetricName)`;
        continue;
      }
      for (const alarm of onMetric) {
        const topics = (alarm.AlarmActions ?? []).filter((action) => action.includes(':sns:'));
        if (topics.length === 0) {
          reason ||= `alarm ${alarm.AlarmName} notifies no SNS topic (cloudwatch:DescribeAlarms AlarmActions)`;
          continue;
        }
        for (const topic of topics) {
          const topicRegion = topic.split(':')[3] ?? chain.logRegion;
          const subscriptions = sns.subscriptions(topicRegion, topic);
          if (!subscriptions.ok) return { kind: 'error', failed: subscriptions.failed };
          if (subscriptions.value.some(isConfirmed)) return { kind: 'pass', filter: filter.filterName ?? '', alarm: alarm.AlarmName ?? '', topic, pattern: filter.filterPattern ?? '' };
          reason ||= `SNS topic ${topic} of alarm ${alarm.AlarmName} has no confirmed subscription (sns:ListSubscriptionsByTopic SubscriptionArn)`;
        }
      }
    }
  }
  return { kind: 'fail', reason };
}

function watches(alarm: MetricAlarm, metricName: string | undefined, namespace: string | undefined): boolean {
  if (alarm.MetricName === metricName && (alarm.Namespace === namespace || namespace === undefined)) return true;
  return (alarm.Metrics ?? []).some((m) => m.MetricStat?.Metric?.MetricName === metricName && m.MetricStat?.Metric?.Namespace === namespace);
}
