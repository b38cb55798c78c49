import { monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.1: Ensure unauthorized API calls are monitored. */
export default monitoringCheck({
  control: '4.1',
  title: 'Ensure unauthorized API calls are monitored',
  severity: 'MEDIUM',
  subject: 'unauthorized API calls',
  pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  positive: [
    { eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', errorCode: 'Client.UnauthorizedOperation', sourceIPAddress: '203.0.113.10' },
    { eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: 'AccessDenied', sourceIPAddress: '203.0.113.10' },
  ],
  negative: [{ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', sourceIPAddress: '203.0.113.10' }],
  metricName: 'unauthorized_api_calls_metric',
});
