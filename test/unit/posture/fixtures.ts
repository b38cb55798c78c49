import { Snapshot, type AccountData } from '../../../src/inventory/snapshot.ts';

/**
 * Raw-API fixtures (Contract 3) for the posture tests: a well-configured account, a badly
 * configured one, and a log-archive account holding the CloudTrail bucket. Each builder
 * returns fresh objects, so a test may mutate them.
 */

export const GOOD = '111111111111';
export const BAD = '333333333333';
export const ARCHIVE = '222222222222';
export const MGMT = '444444444444';
export const REGIONS = ['us-east-1', 'eu-west-1'];
export const NOW = '2026-11-20T12:00:00.000Z';
const HOME = 'us-east-1';

export const data = (value: unknown) => ({ data: value });
export const error = (code: string, message = code) => ({ error: { code, message } });
export const resources = (map: Record<string, unknown>) => ({ resources: map });

/** Sets service.Operation[region] = entry. */
export function put(account: AccountData, service: string, operation: string, region: string, entry: unknown): void {
  ((account[service] ??= {})[operation] ??= {})[region] = entry as never;
}

export function csv(rows: Array<Record<string, string>>): string {
  const header = ['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated'];
  const lines = [header.join(','), ...rows.map((row) => header.map((h) => row[h] ?? 'N/A').join(','))];
  return Buffer.from(lines.join('\n')).toString('base64');
}

export const CIS_FILTERS: Record<string, string> = {
  unauthorized: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
  nomfa: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  root: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  iam: '{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}',
  trail: '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  authfail: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  cmk: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  s3policy: '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  config: '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  sg: '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  nacl: '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  gateway: '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  route: '{($.eventSource = ec2.amazonaws.com) && ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
  vpc: '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  org: '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
};

function bucketEntries(account: AccountData, buckets: Record<string, Record<string, unknown>>): void {
  put(account, 's3', 'ListBuckets', HOME, data({ Buckets: Object.keys(buckets).map((Name) => ({ Name, CreationDate: '2025-01-01T00:00:00.000Z' })) }));
  const ops = ['GetBucketLocation', 'GetBucketPolicy', 'GetBucketPolicyStatus', 'GetBucketAcl', 'GetPublicAccessBlock', 'GetBucketOwnershipControls', 'GetBucketEncryption', 'GetBucketVersioning', 'GetBucketLogging', 'GetBucketReplication', 'GetObjectLockConfiguration'];
  for (const op of ops) {
    put(account, 's3', op, HOME, resources(Object.fromEntries(Object.entries(buckets).map(([name, settings]) => [name, settings[op] ?? data({})]))));
  }
}

const secureBucketPolicy = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });

const OWNER = { ID: 'owner-canonical-id' };

export function goodBucket(name: string): Record<string, unknown> {
  return {
    GetBucketLocation: data({ LocationConstraint: null }),
    GetBucketPolicy: data({ Policy: secureBucketPolicy(name) }),
    GetBucketPolicyStatus: data({ PolicyStatus: { IsPublic: false } }),
    GetBucketAcl: data({ Owner: OWNER, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: OWNER.ID }, Permission: 'FULL_CONTROL' }] }),
    GetPublicAccessBlock: data({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
    GetBucketOwnershipControls: data({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }),
    GetBucketEncryption: data({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true }] } }),
    GetBucketVersioning: data({ Status: 'Enabled', MFADelete: 'Enabled' }),
    GetBucketLogging: data({ LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: `${name}/` } }),
    GetBucketReplication: data({ ReplicationConfiguration: { Role: 'arn:aws:iam::111111111111:role/replication', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica-elsewhere' } }] } }),
    GetObjectLockConfiguration: data({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }),
  };
}

export function badBucket(): Record<string, unknown> {
  return {
    GetBucketLocation: data({ LocationConstraint: 'eu-west-1' }),
    GetBucketPolicy: data({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::open-bucket/*' }, { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::open-bucket' }] }) }),
    GetBucketPolicyStatus: data({ PolicyStatus: { IsPublic: true } }),
    GetBucketAcl: data({ Owner: OWNER, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: OWNER.ID }, Permission: 'FULL_CONTROL' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'WRITE' }] }),
    GetPublicAccessBlock: error('NoSuchPublicAccessBlockConfiguration'),
    GetBucketOwnershipControls: error('OwnershipControlsNotFoundError'),
    GetBucketEncryption: error('ServerSideEncryptionConfigurationNotFoundError'),
    GetBucketVersioning: data({}),
    GetBucketLogging: data({}),
    GetBucketReplication: error('ReplicationConfigurationNotFoundError'),
    GetObjectLockConfiguration: error('ObjectLockConfigurationNotFoundError'),
  };
}

const TOPIC = (account: string) => `arn:aws:sns:us-east-1:${account}:security-alerts`;
const METRICS = Object.keys(CIS_FILTERS);

/** A well-configured account: every check of posture engineer A passes. */
export function goodAccount(id = GOOD, options: { trailBucket?: string } = {}): AccountData {
  const a: AccountData = {};
  const recent = '2026-11-10T10:00:00+00:00';
  put(a, 'iam', 'GetAccountSummary', HOME, data({ SummaryMap: { AccountAccessKeysPresent: 0, AccountMFAEnabled: 1, AccountPasswordPresent: 1, Users: 1 } }));
  put(a, 'iam', 'GetCredentialReport', HOME, data({ Content: csv([
    { user: '<root_account>', arn: `arn:aws:iam::${id}:root`, user_creation_time: '2020-01-01T00:00:00+00:00', password_enabled: 'not_supported', password_last_used: '2024-01-01T00:00:00+00:00', mfa_active: 'true', access_key_1_active: 'false', access_key_2_active: 'false' },
    { user: 'alice', arn: `arn:aws:iam::${id}:user/alice`, user_creation_time: '2024-01-01T00:00:00+00:00', password_enabled: 'true', password_last_used: recent, password_last_changed: '2026-10-01T00:00:00+00:00', mfa_active: 'true', access_key_1_active: 'true', access_key_1_last_rotated: '2026-10-01T00:00:00+00:00', access_key_1_last_used_date: recent, access_key_2_active: 'false' },
  ]), ReportFormat: 'text/csv' }));
  put(a, 'iam', 'GetAccountPasswordPolicy', HOME, data({ PasswordPolicy: { MinimumPasswordLength: 16, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 } }));
  put(a, 'iam', 'GetAccountAuthorizationDetails', HOME, data({
    UserDetailList: [{ UserName: 'alice', Arn: `arn:aws:iam::${id}:user/alice`, GroupList: ['admins'], UserPolicyList: [], AttachedManagedPolicies: [] }],
    GroupDetailList: [{ GroupName: 'admins', Arn: `arn:aws:iam::${id}:group/admins`, GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] }],
    RoleDetailList: [
      { RoleName: 'support', Path: '/', Arn: `arn:aws:iam::${id}:role/support`, AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' }] })), RolePolicyList: [{ PolicyName: 'kms-scoped', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:us-east-1:${id}:key/k1` }] })) }], AttachedManagedPolicies: [{ PolicyName: 'AWSSupportAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }] },
    ],
    Policies: [{ PolicyName: 'app-read', Arn: `arn:aws:iam::${id}:policy/app-read`, AttachmentCount: 1, IsAttachable: true, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::app/*' }] })) }] }],
  }));
  put(a, 'iam', 'ListVirtualMFADevices', HOME, data({ VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${id}:mfa/alice`, User: { Arn: `arn:aws:iam::${id}:user/alice` } }] }));
  put(a, 'iam', 'ListSAMLProviders', HOME, data({ SAMLProviderList: [{ Arn: `arn:aws:iam::${id}:saml-provider/corp` }] }));
  put(a, 'iam', 'ListOpenIDConnectProviders', HOME, data({ OpenIDConnectProviderList: [] }));
  put(a, 'iam', 'ListServerCertificates', HOME, data({ ServerCertificateMetadataList: [{ ServerCertificateName: 'legacy', Arn: `arn:aws:iam::${id}:server-certificate/legacy`, Expiration: '2027-06-01T00:00:00Z' }] }));
  put(a, 'account', 'GetAlternateContact', HOME, resources(Object.fromEntries(['SECURITY', 'BILLING', 'OPERATIONS'].map((t) => [t, data({ AlternateContact: { AlternateContactType: t, Name: 'Team', EmailAddress: `${t.toLowerCase()}@example.com`, PhoneNumber: '+1-555-0100', Title: t } })]))));
  put(a, 'organizations', 'DescribeOrganization', HOME, data({ Organization: { Id: 'o-abc', MasterAccountId: MGMT, FeatureSet: 'ALL' } }));
  bucketEntries(a, { 'good-bucket': goodBucket('good-bucket') });
  put(a, 's3-control', 'GetPublicAccessBlock', HOME, data({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  const trailArn = `arn:aws:cloudtrail:us-east-1:${id}:trail/main`;
  const logGroupArn = `arn:aws:logs:us-east-1:${id}:log-group:cloudtrail:*`;
  const trail = { Name: 'main', TrailARN: trailArn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: false, LogFileValidationEnabled: true, KmsKeyId: `arn:aws:kms:us-east-1:${id}:key/k1`, S3BucketName: options.trailBucket ?? 'org-trail-logs', CloudWatchLogsLogGroupArn: logGroupArn, IncludeGlobalServiceEvents: true, HasCustomEventSelectors: true };
  for (const region of REGIONS) {
    put(a, 'cloudtrail', 'DescribeTrails', region, data({ trailList: [trail] }));
    put(a, 'cloudtrail', 'GetTrailStatus', region, resources({ [trailArn]: data({ IsLogging: true }) }));
    put(a, 'cloudtrail', 'GetEventSelectors', region, resources({ [trailArn]: data({ TrailARN: trailArn, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }] }) }));
    put(a, 'config-service', 'DescribeConfigurationRecorders', region, data({ ConfigurationRecorders: [{ name: 'default', roleARN: `arn:aws:iam::${id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === 'us-east-1' } }] }));
    put(a, 'config-service', 'DescribeConfigurationRecorderStatus', region, data({ ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' }] }));
    put(a, 'config-service', 'DescribeDeliveryChannels', region, data({ DeliveryChannels: [{ name: 'default', s3BucketName: 'config-bucket' }] }));
    put(a, 'config-service', 'DescribeConfigurationAggregators', region, data({ ConfigurationAggregators: region === 'us-east-1' ? [{ ConfigurationAggregatorName: 'all', AccountAggregationSources: [{ AccountIds: [id], AllAwsRegions: true }] }] : [] }));
    put(a, 'guardduty', 'ListDetectors', region, data({ DetectorIds: ['d1'] }));
    put(a, 'guardduty', 'GetDetector', region, resources({ d1: data({ Status: 'ENABLED', Features: ['EKS_AUDIT_LOGS', 'LAMBDA_NETWORK_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'S3_DATA_EVENTS', 'RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING'].map((Name) => ({ Name, Status: 'ENABLED' })) }) }));
    put(a, 'securityhub', 'DescribeHub', region, data({ HubArn: `arn:aws:securityhub:${region}:${id}:hub/default`, SubscribedAt: '2025-01-01T00:00:00.000Z' }));
    put(a, 'securityhub', 'GetEnabledStandards', region, data({ StandardsSubscriptions: [{ StandardsArn: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`, StandardsStatus: 'READY' }] }));
    put(a, 'accessanalyzer', 'ListAnalyzers', region, data({ analyzers: [{ arn: `arn:aws:access-analyzer:${region}:${id}:analyzer/acct`, name: 'acct', type: 'ACCOUNT', status: 'ACTIVE' }] }));
    put(a, 'inspector2', 'BatchGetAccountStatus', region, data({ accounts: [{ accountId: id, state: { status: 'ENABLED' }, resourceState: { ec2: { status: 'ENABLED' }, ecr: { status: 'ENABLED' }, lambda: { status: 'ENABLED' }, lambdaCode: { status: 'ENABLED' } } }] }));
    put(a, 'macie2', 'GetMacieSession', region, data({ status: 'ENABLED' }));
    put(a, 'macie2', 'GetAutomatedDiscoveryConfiguration', region, data({ status: 'ENABLED' }));
    put(a, 'detective', 'ListGraphs', region, data({ GraphList: [{ Arn: `arn:aws:detective:${region}:${id}:graph:g1` }] }));
    put(a, 'kms', 'ListKeys', region, data({ Keys: [{ KeyId: 'k1', KeyArn: `arn:aws:kms:${region}:${id}:key/k1` }, { KeyId: 'aws1', KeyArn: `arn:aws:kms:${region}:${id}:key/aws1` }] }));
    put(a, 'kms', 'DescribeKey', region, resources({ k1: data({ KeyMetadata: { KeyId: 'k1', KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' } }), aws1: data({ KeyMetadata: { KeyId: 'aws1', KeyManager: 'AWS', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT' } }) }));
    put(a, 'kms', 'GetKeyRotationStatus', region, resources({ k1: data({ KeyRotationEnabled: true }), aws1: data({ KeyRotationEnabled: true }) }));
    put(a, 'kms', 'GetKeyPolicy', region, resources({ k1: data({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'kms:*', Resource: '*' }] }) }), aws1: data({ Policy: '{}' }) }));
    const topic = `arn:aws:sns:${region}:${id}:security-alerts`;
    put(a, 'sns', 'ListTopics', region, data({ Topics: [{ TopicArn: topic }] }));
    put(a, 'sns', 'GetTopicAttributes', region, resources({ [topic]: data({ Attributes: { TopicArn: topic, KmsMasterKeyId: 'alias/aws/sns', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topic, Condition: { StringEquals: { 'aws:SourceAccount': id } } }] }) } }) }));
    put(a, 'sns', 'ListSubscriptionsByTopic', region, resources({ [topic]: data({ Subscriptions: [{ SubscriptionArn: `${topic}:0f2c`, Protocol: 'email', Endpoint: 'soc@example.com', TopicArn: topic }] }) }));
    put(a, 'cloudwatch-logs', 'DescribeMetricFilters', region, data({ metricFilters: region === 'us-east-1' ? METRICS.map((m) => ({ filterName: m, logGroupName: 'cloudtrail', filterPattern: CIS_FILTERS[m], metricTransformations: [{ metricName: `${m}_metric`, metricNamespace: 'CISBenchmark', metricValue: '1' }] })) : [] }));
    put(a, 'cloudwatch', 'DescribeAlarms', region, data({ MetricAlarms: region === 'us-east-1' ? METRICS.map((m) => ({ AlarmName: `${m}_alarm`, MetricName: `${m}_metric`, Namespace: 'CISBenchmark', ActionsEnabled: true, AlarmActions: [TOPIC(id)] })) : [], CompositeAlarms: [] }));
  }
  return a;
}

/** The log-archive account owning the CloudTrail bucket. */
export function archiveAccount(): AccountData {
  const a: AccountData = {};
  bucketEntries(a, { 'org-trail-logs': goodBucket('org-trail-logs') });
  put(a, 's3-control', 'GetPublicAccessBlock', HOME, data({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  return a;
}

/** A badly configured account: every check of posture engineer A fails somewhere. */
export function badAccount(id = BAD): AccountData {
  const a = goodAccount(id, { trailBucket: 'open-bucket' });
  const old = '2025-01-01T00:00:00+00:00';
  put(a, 'iam', 'GetAccountSummary', HOME, data({ SummaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 0, AccountPasswordPresent: 1 } }));
  put(a, 'iam', 'GetCredentialReport', HOME, data({ Content: csv([
    { user: '<root_account>', arn: `arn:aws:iam::${id}:root`, user_creation_time: '2020-01-01T00:00:00+00:00', password_enabled: 'not_supported', password_last_used: '2026-11-19T08:00:00+00:00', mfa_active: 'false', access_key_1_active: 'true', access_key_1_last_rotated: old, access_key_1_last_used_date: '2026-11-18T00:00:00+00:00', access_key_2_active: 'false' },
    { user: 'bob', arn: `arn:aws:iam::${id}:user/bob`, user_creation_time: '2025-01-01T00:00:00+00:00', password_enabled: 'true', password_last_used: old, password_last_changed: old, mfa_active: 'false', access_key_1_active: 'true', access_key_1_last_rotated: '2025-01-01T00:01:00+00:00', access_key_1_last_used_date: 'N/A', access_key_2_active: 'true', access_key_2_last_rotated: old, access_key_2_last_used_date: old },
  ]) }));
  put(a, 'iam', 'GetAccountPasswordPolicy', HOME, error('NoSuchEntity', 'The Password Policy with domain name 333333333333 cannot be found.'));
  put(a, 'iam', 'GetAccountAuthorizationDetails', HOME, data({
    UserDetailList: [{ UserName: 'bob', Arn: `arn:aws:iam::${id}:user/bob`, GroupList: [], UserPolicyList: [{ PolicyName: 'inline-kms', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] })) }], AttachedManagedPolicies: [{ PolicyName: 'AWSCloudShellFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }] }],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [{ PolicyName: 'god', Arn: `arn:aws:iam::${id}:policy/god`, AttachmentCount: 1, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: 's3:*', Resource: '*' }] })) }] }],
  }));
  put(a, 'iam', 'ListVirtualMFADevices', HOME, data({ VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${id}:mfa/root-account-mfa-device`, User: { Arn: `arn:aws:iam::${id}:root` } }] }));
  put(a, 'iam', 'ListSAMLProviders', HOME, data({ SAMLProviderList: [] }));
  put(a, 'iam', 'ListServerCertificates', HOME, data({ ServerCertificateMetadataList: [{ ServerCertificateName: 'old', Arn: `arn:aws:iam::${id}:server-certificate/old`, Expiration: '2024-01-01T00:00:00Z' }] }));
  put(a, 'account', 'GetAlternateContact', HOME, resources({ SECURITY: error('ResourceNotFoundException'), BILLING: error('ResourceNotFoundException'), OPERATIONS: error('ResourceNotFoundException') }));
  put(a, 'organizations', 'DescribeOrganization', HOME, error('AWSOrganizationsNotInUseException'));
  bucketEntries(a, { 'open-bucket': badBucket() });
  put(a, 's3-control', 'GetPublicAccessBlock', HOME, error('NoSuchPublicAccessBlockConfiguration'));
  const trailArn = `arn:aws:cloudtrail:eu-west-1:${id}:trail/regional`;
  const trail = { Name: 'regional', TrailARN: trailArn, HomeRegion: 'eu-west-1', IsMultiRegionTrail: false, LogFileValidationEnabled: false, S3BucketName: 'open-bucket' };
  for (const region of REGIONS) {
    put(a, 'cloudtrail', 'DescribeTrails', region, data({ trailList: region === 'eu-west-1' ? [trail] : [] }));
    put(a, 'cloudtrail', 'GetTrailStatus', region, resources({ [trailArn]: data({ IsLogging: false }) }));
    put(a, 'cloudtrail', 'GetEventSelectors', region, resources({ [trailArn]: data({ EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] }] }) }));
    put(a, 'config-service', 'DescribeConfigurationRecorders', region, data({ ConfigurationRecorders: [] }));
    put(a, 'config-service', 'DescribeConfigurationAggregators', region, data({ ConfigurationAggregators: [] }));
    put(a, 'guardduty', 'ListDetectors', region, data({ DetectorIds: region === 'us-east-1' ? ['d1'] : [] }));
    put(a, 'guardduty', 'GetDetector', region, resources({ d1: data({ Status: 'ENABLED', Features: [{ Name: 'S3_DATA_EVENTS', Status: 'DISABLED' }] }) }));
    put(a, 'securityhub', 'DescribeHub', region, error('InvalidAccessException', 'Account is not subscribed to AWS Security Hub'));
    put(a, 'accessanalyzer', 'ListAnalyzers', region, data({ analyzers: [] }));
    put(a, 'inspector2', 'BatchGetAccountStatus', region, data({ accounts: [{ accountId: id, state: { status: 'DISABLED' }, resourceState: { ec2: { status: 'DISABLED' }, ecr: { status: 'DISABLED' }, lambda: { status: 'DISABLED' }, lambdaCode: { status: 'DISABLED' } } }] }));
    put(a, 'macie2', 'GetMacieSession', region, data({ status: 'PAUSED' }));
    put(a, 'detective', 'ListGraphs', region, data({ GraphList: [] }));
    put(a, 'kms', 'DescribeKey', region, resources({ k1: data({ KeyMetadata: { KeyId: 'k1', KeyManager: 'CUSTOMER', KeyState: 'PendingDeletion', DeletionDate: '2026-12-01T00:00:00Z', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' } }), k2: data({ KeyMetadata: { KeyId: 'k2', KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' } }) }));
    put(a, 'kms', 'ListKeys', region, data({ Keys: [{ KeyId: 'k1' }, { KeyId: 'k2' }] }));
    put(a, 'kms', 'GetKeyRotationStatus', region, resources({ k2: data({ KeyRotationEnabled: false }) }));
    put(a, 'kms', 'GetKeyPolicy', region, resources({ k1: data({ Policy: '{}' }), k2: data({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }) }) }));
    const topic = `arn:aws:sns:${region}:${id}:security-alerts`;
    put(a, 'sns', 'GetTopicAttributes', region, resources({ [topic]: data({ Attributes: { TopicArn: topic, Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sns:Publish', 'sns:Subscribe'], Resource: topic }] }) } }) }));
    put(a, 'sns', 'ListSubscriptionsByTopic', region, resources({ [topic]: data({ Subscriptions: [{ SubscriptionArn: 'PendingConfirmation', Protocol: 'email' }] }) }));
  }
  return a;
}

export function manifestFor(accounts: Array<{ id: string; name?: string; regions?: string[] }>, organization?: { id: string; managementAccountId?: string }) {
  return { collectedAt: NOW, accounts: accounts.map((a) => ({ id: a.id, name: a.name, regions: a.regions ?? REGIONS })), ...(organization ? { organization } : {}) };
}

/** good + bad + archive in one snapshot. */
export function fixtureSnapshot(): Snapshot {
  return Snapshot.fromData(manifestFor([{ id: GOOD, name: 'good' }, { id: BAD, name: 'bad' }, { id: ARCHIVE, name: 'log-archive' }]), { [GOOD]: goodAccount(), [BAD]: badAccount(), [ARCHIVE]: archiveAccount() });
}

/** The checks posture engineer A owns (by service folder). */
export const A_SERVICES = ['iam', 's3', 'cloudtrail', 'config-service', 'guardduty', 'securityhub', 'accessanalyzer', 'inspector2', 'macie2', 'detective', 'kms', 'sns', 'account', 'cloudwatch', 'organizations'];
