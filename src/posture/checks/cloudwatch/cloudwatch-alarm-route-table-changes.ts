import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.13: Ensure route table changes are monitored. */
export default monitoringCheck({
  control: '4.13',
  title: 'Ensure route table changes are monitored',
  severity: 'MEDIUM',
  subject: 'route table changes',
  pattern: '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  positive: apiEvents('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
  negative: apiEvents('ec2.amazonaws.com', ['DescribeRouteTables']),
  metricName: 'route_table_changes_metric',
});
