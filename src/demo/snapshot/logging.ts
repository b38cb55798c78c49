import { ACCOUNTS, daysAgo, DEMO_END, iso, REGIONS } from '../org.ts';
import { ok, perResource, policyJson, type BuildContext } from './util.ts';

/** cloudtrail, config-service, cloudwatch-logs metric filters, cloudwatch alarms and sns: the CIS 4.x monitoring chain. */

/** The CIS AWS Foundations monitoring section's metric filter patterns (4.1–4.15). */
export const CIS_METRIC_FILTERS: Array<{ control: string; name: string; pattern: string }> = [
  { control: '4.1', name: 'UnauthorizedAPICalls', pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }' },
  { control: '4.2', name: 'ConsoleSigninWithoutMFA', pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }' },
  { control: '4.3', name: 'RootAccountUsage', pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }' },
  { control: '4.4', name: 'IAMPolicyChanges', pattern: '{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}' },
  { control: '4.5', name: 'CloudTrailChanges', pattern: '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }' },
  { control: '4.6', name: 'ConsoleAuthenticationFailures', pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }' },
  { control: '4.7', name: 'DisableOrDeleteCMK', pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }' },
  { control: '4.8', name: 'S3BucketPolicyChanges', pattern: '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }' },
  { control: '4.9', name: 'AWSConfigChanges', pattern: '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }' },
  { control: '4.10', name: 'SecurityGroupChanges', pattern: '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }' },
  { control: '4.11', name: 'NACLChanges', pattern: '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }' },
  { control: '4.12', name: 'NetworkGatewayChanges', pattern: '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }' },
  { control: '4.13', name: 'RouteTableChanges', pattern: '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }' },
  { control: '4.14', name: 'VPCChanges', pattern: '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }' },
  { control: '4.15', name: 'OrganizationsChanges', pattern: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }' },
];

export function buildCloudTrail(ctx: BuildContext): void {
  const { account, org } = ctx;
  const mgmt = ACCOUNTS.management.id;
  const orgTrailArn = `arn:aws:cloudtrail:us-east-1:${mgmt}:trail/org-trail`;
  const orgTrail = {
    Name: 'org-trail', S3BucketName: org.trailBucket, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: 'us-east-1',
    TrailARN: orgTrailArn, LogFileValidationEnabled: true, CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${mgmt}:log-group:org-trail:*`, CloudWatchLogsRoleArn: `arn:aws:iam::${mgmt}:role/org-trail-cwl`,
    KmsKeyId: `arn:aws:kms:us-east-1:${mgmt}:key/${org.trailKmsKeyId}`, HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: true,
  };
  const prodTrailArn = `arn:aws:cloudtrail:us-east-1:${account.id}:trail/prod-local-trail`;
  const prodTrail = {
    Name: 'prod-local-trail', S3BucketName: 'acme-prod-app-data', S3KeyPrefix: 'trail', IncludeGlobalServiceEvents: false, IsMultiRegionTrail: false, HomeRegion: 'us-east-1', TrailARN: prodTrailArn,
    LogFileValidationEnabled: false, CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account.id}:log-group:prod-trail:*`, CloudWatchLogsRoleArn: `arn:aws:iam::${account.id}:role/prod-trail-cwl`,
    HasCustomEventSelectors: false, HasInsightSelectors: false, IsOrganizationTrail: false,
  };
  const running = { IsLogging: true, LatestDeliveryTime: iso(DEMO_END + 5 * 3_600_000), StartLoggingTime: daysAgo(700), LatestDigestDeliveryTime: iso(DEMO_END + 5 * 3_600_000), LatestCloudWatchLogsDeliveryTime: iso(DEMO_END + 5 * 3_600_000), LatestDeliveryAttemptTime: iso(DEMO_END + 5 * 3_600_000), LatestDigestDeliveryAttemptTime: iso(DEMO_END + 5 * 3_600_000), TimeLoggingStarted: daysAgo(700), LatestDeliveryAttemptSucceeded: iso(DEMO_END + 5 * 3_600_000), LatestDigestAttemptSucceeded: iso(DEMO_END + 5 * 3_600_000) };
  const orgSelectors = { TrailARN: orgTrailArn, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::acme-prod-app-data/'] }], ExcludeManagementEventSources: [] }] };
  for (const region of REGIONS) {
    const trails: object[] = [orgTrail];
    const status: Record<string, ReturnType<typeof ok>> = { [orgTrailArn]: ok(running) };
    const selectors: Record<string, ReturnType<typeof ok>> = { [orgTrailArn]: ok(orgSelectors) };
    if (account.key === 'prod' && region === 'us-east-1') {
      // Deliberate: a member account's own trail, stopped, without validation or encryption.
      trails.push(prodTrail);
      status[prodTrailArn] = ok({ IsLogging: false, LatestDeliveryTime: daysAgo(45), StartLoggingTime: daysAgo(600), StopLoggingTime: daysAgo(45), TimeLoggingStarted: daysAgo(600), TimeLoggingStopped: daysAgo(45), LatestCloudWatchLogsDeliveryTime: daysAgo(45) });
      selectors[prodTrailArn] = ok({ TrailARN: prodTrailArn, EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] });
    }
    ctx.put('cloudtrail', 'DescribeTrails', region, ok({ trailList: trails }));
    ctx.put('cloudtrail', 'GetTrailStatus', region, perResource(status));
    ctx.put('cloudtrail', 'GetEventSelectors', region, perResource(selectors));
  }
}

export function buildConfig(ctx: BuildContext): void {
  const { account, org } = ctx;
  for (const region of REGIONS) {
    const enabled = !(account.key === 'dev' && region === 'eu-west-1');
    const recorder = { name: 'default', roleARN: `arn:aws:iam::${account.id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === 'us-east-1', resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } }, recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] } };
    ctx.put('config-service', 'DescribeConfigurationRecorders', region, ok({ ConfigurationRecorders: enabled ? [recorder] : [] }));
    ctx.put('config-service', 'DescribeConfigurationRecorderStatus', region, ok({ ConfigurationRecordersStatus: enabled ? [{ name: 'default', lastStartTime: daysAgo(400), recording: true, lastStatus: 'SUCCESS', lastStatusChangeTime: iso(DEMO_END + 3_600_000) }] : [] }));
    ctx.put('config-service', 'DescribeDeliveryChannels', region, ok({ DeliveryChannels: enabled ? [{ name: 'default', s3BucketName: `acme-config-${ACCOUNTS.management.id}`, s3KeyPrefix: account.name, configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' } }] : [] }));
    const aggregator = account.key === 'management' && region === 'us-east-1'
      ? [{ ConfigurationAggregatorName: 'org-aggregator', ConfigurationAggregatorArn: `arn:aws:config:us-east-1:${account.id}:config-aggregator/config-aggregator-${org.orgId.slice(2, 10)}`, OrganizationAggregationSource: { RoleArn: `arn:aws:iam::${account.id}:role/config-aggregator`, AllAwsRegions: true }, CreationTime: daysAgo(400), LastUpdatedTime: daysAgo(100), CreatedBy: undefined }]
      : [];
    ctx.put('config-service', 'DescribeConfigurationAggregators', region, ok({ ConfigurationAggregators: JSON.parse(JSON.stringify(aggregator)) }));
  }
}

export function buildMonitoring(ctx: BuildContext): void {
  const { account } = ctx;
  for (const region of REGIONS) {
    const home = region === 'us-east-1';
    const topics: Array<{ name: string; policy: object; kms?: string; subscribers: string[] }> = [];
    const defaultTopicPolicy = (arn: string) => ({ Version: '2008-10-17', Id: '__default_policy_ID', Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'], Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': account.id } } }] });
    const topicArn = (name: string) => `arn:aws:sns:${region}:${account.id}:${name}`;
    const logGroups: Array<{ name: string; retention?: number; kms?: boolean }> = [];
    let filters: Array<{ control: string; name: string; pattern: string }> = [];
    let alarmFilters: Array<{ name: string }> = [];
    let alarmTopic = '';
    if (account.key === 'management' && home) {
      topics.push({ name: 'security-alerts', policy: defaultTopicPolicy(topicArn('security-alerts')), kms: 'alias/aws/sns', subscribers: ['email:secops@acme-demo.example', 'https:https://hooks.acme-demo.example/aws-alerts'] });
      logGroups.push({ name: 'org-trail', retention: 365, kms: true }, { name: '/aws/lambda/org-guardrails', retention: 90 });
      filters = CIS_METRIC_FILTERS;
      alarmFilters = CIS_METRIC_FILTERS;
      alarmTopic = topicArn('security-alerts');
    } else if (account.key === 'prod' && home) {
      topics.push(
        { name: 'prod-alarms', policy: defaultTopicPolicy(topicArn('prod-alarms')), subscribers: [] },
        // Deliberate: anyone may publish and subscribe.
        { name: 'order-events', policy: { Version: '2012-10-17', Statement: [{ Sid: 'open', Effect: 'Allow', Principal: '*', Action: ['sns:Publish', 'sns:Subscribe'], Resource: topicArn('order-events') }] }, subscribers: [`sqs:arn:aws:sqs:us-east-1:${account.id}:orders-queue`] },
      );
      logGroups.push({ name: 'prod-trail' }, { name: '/aws/lambda/orders-processor', retention: 30 });
      filters = CIS_METRIC_FILTERS.slice(0, 3).map((f) => ({ ...f }));
      alarmFilters = CIS_METRIC_FILTERS.slice(0, 1);
      alarmTopic = topicArn('prod-alarms');
    } else if (account.key === 'dev' && home) {
      topics.push({ name: 'dev-notifications', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: topicArn('dev-notifications') }] }, subscribers: ['email:dev-team@acme-demo.example'] });
      logGroups.push({ name: '/aws/lambda/thumbnailer' });
    } else if (account.key === 'prod') {
      logGroups.push({ name: '/aws/lambda/orders-processor-eu', retention: 30 });
    }
    const filterGroup = account.key === 'management' ? 'org-trail' : 'prod-trail';
    ctx.put('cloudwatch-logs', 'DescribeMetricFilters', region, ok({ metricFilters: filters.map((f, i) => ({
      filterName: `cis-${f.control}-${f.name}`, filterPattern: f.pattern, metricTransformations: [{ metricName: f.name, metricNamespace: 'CISBenchmark', metricValue: '1' }],
      creationTime: Date.parse(daysAgo(300 - i)), logGroupName: filterGroup, applyOnTransformedLogs: false,
    })) }));
    ctx.put('cloudwatch-logs', 'DescribeLogGroups', region, ok({ logGroups: logGroups.map((g) => ({
      logGroupName: g.name, creationTime: Date.parse(daysAgo(500)), ...(g.retention ? { retentionInDays: g.retention } : {}), metricFilterCount: g.name === filterGroup ? filters.length : 0,
      arn: `arn:aws:logs:${region}:${account.id}:log-group:${g.name}:*`, storedBytes: 1024 * 1024 * 37, ...(g.kms ? { kmsKeyId: `arn:aws:kms:${region}:${account.id}:alias/logs` } : {}),
      logGroupClass: 'STANDARD', logGroupArn: `arn:aws:logs:${region}:${account.id}:log-group:${g.name}`,
    })) }));
    ctx.put('cloudwatch', 'DescribeAlarms', region, ok({ MetricAlarms: alarmFilters.map((f) => ({
      AlarmName: `cis-${f.name}`, AlarmArn: `arn:aws:cloudwatch:${region}:${account.id}:alarm:cis-${f.name}`, AlarmDescription: `CIS monitoring: ${f.name}`, AlarmConfigurationUpdatedTimestamp: daysAgo(300),
      ActionsEnabled: true, OKActions: [], AlarmActions: [alarmTopic], InsufficientDataActions: [], StateValue: 'OK', StateReason: 'Threshold Crossed: no datapoints were received for 1 period.', StateUpdatedTimestamp: daysAgo(1),
      MetricName: f.name, Namespace: 'CISBenchmark', Statistic: 'Sum', Dimensions: [], Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
    })), CompositeAlarms: [] }));
    ctx.put('sns', 'ListTopics', region, ok({ Topics: topics.map((t) => ({ TopicArn: topicArn(t.name) })) }));
    ctx.put('sns', 'GetTopicAttributes', region, perResource(Object.fromEntries(topics.map((t) => [topicArn(t.name), ok({ Attributes: {
      Policy: policyJson(t.policy), Owner: account.id, SubscriptionsPending: '0', TopicArn: topicArn(t.name), EffectiveDeliveryPolicy: policyJson({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false } }),
      SubscriptionsConfirmed: String(t.subscribers.length), DisplayName: '', SubscriptionsDeleted: '0', ...(t.kms ? { KmsMasterKeyId: t.kms } : {}),
    } })]))));
    ctx.put('sns', 'ListSubscriptionsByTopic', region, perResource(Object.fromEntries(topics.map((t) => [topicArn(t.name), ok({ Subscriptions: t.subscribers.map((s, i) => {
      const [protocol, ...rest] = s.split(':');
      return { SubscriptionArn: `${topicArn(t.name)}:${ctx.rng.fork(`${t.name}${i}`).uuid()}`, Owner: account.id, Protocol: protocol, Endpoint: rest.join(':'), TopicArn: topicArn(t.name) };
    }) })]))));
  }
}
