import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.5: Ensure CloudTrail configuration changes are monitored. */
export default monitoringCheck({
  control: '4.5',
  title: 'Ensure CloudTrail configuration changes are monitored',
  severity: 'HIGH',
  subject: 'CloudTrail configuration changes',
  pattern: '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  positive: apiEvents('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
  negative: apiEvents('cloudtrail.amazonaws.com', ['DescribeTrails']),
  metricName: 'cloudtrail_cfg_changes_metric',
});
