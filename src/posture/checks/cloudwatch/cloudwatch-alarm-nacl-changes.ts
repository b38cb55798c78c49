import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.11: Ensure Network Access Control List (NACL) changes are monitored. */
export default monitoringCheck({
  control: '4.11',
  title: 'Ensure Network Access Control List (NACL) changes are monitored',
  severity: 'MEDIUM',
  subject: 'network ACL changes',
  pattern: '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  positive: apiEvents('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
  negative: apiEvents('ec2.amazonaws.com', ['DescribeNetworkAcls']),
  metricName: 'nacl_changes_metric',
});
