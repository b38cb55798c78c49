import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.7: Ensure disabling or scheduled deletion of customer created CMKs is monitored. */
export default monitoringCheck({
  control: '4.7',
  title: 'Ensure disabling or scheduled deletion of customer created CMKs is monitored',
  severity: 'MEDIUM',
  subject: 'disabled or scheduled-for-deletion customer managed keys',
  pattern: '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  positive: apiEvents('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']),
  negative: apiEvents('kms.amazonaws.com', ['DescribeKey']),
  metricName: 'disable_or_delete_cmk_changes_metric',
});
