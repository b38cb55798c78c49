import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.9: Ensure AWS Config configuration changes are monitored. */
export default monitoringCheck({
  control: '4.9',
  title: 'Ensure AWS Config configuration changes are monitored',
  severity: 'MEDIUM',
  subject: 'AWS Config configuration changes',
  pattern: '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }',
  positive: apiEvents('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']),
  negative: apiEvents('config.amazonaws.com', ['DescribeConfigurationRecorders']),
  metricName: 'aws_config_changes_metric',
});
