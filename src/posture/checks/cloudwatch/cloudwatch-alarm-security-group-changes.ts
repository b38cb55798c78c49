import { apiEvents, monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.10: Ensure security group changes are monitored. */
export default monitoringCheck({
  control: '4.10',
  title: 'Ensure security group changes are monitored',
  severity: 'MEDIUM',
  subject: 'security group changes',
  pattern: '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  positive: apiEvents('ec2.amazonaws.com', ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']),
  negative: apiEvents('ec2.amazonaws.com', ['DescribeSecurityGroups']),
  metricName: 'security_group_changes_metric',
});
