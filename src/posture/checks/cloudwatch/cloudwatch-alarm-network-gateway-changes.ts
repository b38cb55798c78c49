import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.12: Ensure changes to network gateways are monitored. */
export default monitoringCheck({
  control: '4.12',
  title: 'Ensure changes to network gateways are monitored',
  severity: 'MEDIUM',
  subject: 'network gateway changes',
  pattern: '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  positive: apiEvents('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway']),
  negative: apiEvents('ec2.amazonaws.com', ['DescribeInternetGateways']),
  metricName: 'network_gw_changes_metric',
});
