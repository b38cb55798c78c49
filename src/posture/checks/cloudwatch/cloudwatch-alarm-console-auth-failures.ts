import { monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.6: Ensure AWS Management Console authentication failures are monitored. */
export default monitoringCheck({
  control: '4.6',
  title: 'Ensure AWS Management Console authentication failures are monitored',
  severity: 'MEDIUM',
  subject: 'failed console sign-ins',
  pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  positive: [{ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', errorMessage: 'Failed authentication', responseElements: { ConsoleLogin: 'Failure' } }],
  negative: [{ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', responseElements: { ConsoleLogin: 'Success' } }],
  metricName: 'console_signin_failure_metric',
});
