import { monitoringCheck } from '../../lib/monitoring.ts';

/** CIS AWS Foundations v5.0.0 4.3: Ensure usage of the 'root' account is monitored. */
export default monitoringCheck({
  control: '4.3',
  title: "Ensure usage of the 'root' account is monitored",
  severity: 'MEDIUM',
  subject: 'uses of the root user',
  pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  positive: [{ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventType: 'AwsApiCall', userIdentity: { type: 'Root' } }],
  negative: [{ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventType: 'AwsApiCall', userIdentity: { type: 'IAMUser' } }],
  metricName: 'root_usage_metric',
});
