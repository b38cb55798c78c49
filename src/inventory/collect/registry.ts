import type { OperationSpec, Pagination } from './types.ts';

/**
 * Every call `vigil collect` makes, as data (Contract 3's minimum table and more). The
 * collector runs these in order within each account/region/service unit; per-resource calls
 * follow their parent. The read-only IAM policy is generated from `actions`.
 */

const token = (inputToken: string, outputToken: string, ...listKeys: string[]): Pagination => ({ inputToken, outputToken, listKeys });
const nextToken = (...listKeys: string[]) => token('NextToken', 'NextToken', ...listKeys);
const nextTokenLower = (...listKeys: string[]) => token('nextToken', 'nextToken', ...listKeys);
const marker = (...listKeys: string[]) => token('Marker', 'NextMarker', ...listKeys);
/** IAM style: `Marker` in and out, with `IsTruncated`. */
const iamMarker = (...listKeys: string[]): Pagination => ({ ...token('Marker', 'Marker', ...listKeys), moreKey: 'IsTruncated' });
/** RDS style: `Marker` in and out. */
const rdsMarker = (...listKeys: string[]) => token('Marker', 'Marker', ...listKeys);

const ALTERNATE_CONTACT_TYPES = ['SECURITY', 'BILLING', 'OPERATIONS'];

export const REGISTRY: readonly OperationSpec[] = [
  // sts
  { service: 'sts', operation: 'GetCallerIdentity', scope: 'global', actions: ['sts:GetCallerIdentity'] },

  // iam (global)
  { service: 'iam', operation: 'GetAccountSummary', scope: 'global', actions: ['iam:GetAccountSummary'] },
  { service: 'iam', operation: 'GetAccountPasswordPolicy', scope: 'global', actions: ['iam:GetAccountPasswordPolicy'] },
  {
    service: 'iam', operation: 'GetCredentialReport', scope: 'global', actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    generate: { operation: 'GenerateCredentialReport', ready: (out) => out.State === 'COMPLETE' },
  },
  {
    service: 'iam', operation: 'GetAccountAuthorizationDetails', scope: 'global', actions: ['iam:GetAccountAuthorizationDetails'],
    // Large pages: fewer calls in a row for the biggest IAM read (default 100).
    input: { MaxItems: 1000 }, paginate: iamMarker('UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'),
  },
  { service: 'iam', operation: 'ListVirtualMFADevices', scope: 'global', actions: ['iam:ListVirtualMFADevices'], paginate: iamMarker('VirtualMFADevices') },
  { service: 'iam', operation: 'ListSAMLProviders', scope: 'global', actions: ['iam:ListSAMLProviders'] },
  { service: 'iam', operation: 'ListOpenIDConnectProviders', scope: 'global', actions: ['iam:ListOpenIDConnectProviders'] },
  { service: 'iam', operation: 'ListServerCertificates', scope: 'global', actions: ['iam:ListServerCertificates'], paginate: iamMarker('ServerCertificateMetadataList') },
  { service: 'iam', operation: 'ListAccountAliases', scope: 'global', actions: ['iam:ListAccountAliases'], paginate: iamMarker('AccountAliases') },
  {
    service: 'iam', operation: 'ListAccessKeys', scope: 'global', actions: ['iam:ListAccessKeys'], paginate: iamMarker('AccessKeyMetadata'),
    perResource: { parent: 'GetAccountAuthorizationDetails', keys: ['UserDetailList[].UserName'], param: 'UserName' },
  },
  {
    service: 'iam', operation: 'ListMFADevices', scope: 'global', actions: ['iam:ListMFADevices'], paginate: iamMarker('MFADevices'),
    perResource: { parent: 'GetAccountAuthorizationDetails', keys: ['UserDetailList[].UserName'], param: 'UserName' },
  },
  {
    service: 'iam', operation: 'GetAccessKeyLastUsed', scope: 'global', actions: ['iam:GetAccessKeyLastUsed'],
    perResource: { parent: 'ListAccessKeys', keys: ['AccessKeyMetadata[].AccessKeyId'], param: 'AccessKeyId' },
  },
  {
    service: 'iam', operation: 'GetServiceLastAccessedDetails', scope: 'global',
    actions: ['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails'],
    paginate: iamMarker('ServicesLastAccessed'),
    perResource: { parent: 'GetAccountAuthorizationDetails', keys: ['UserDetailList[].Arn', 'RoleDetailList[].Arn'], param: 'Arn' },
    job: { operation: 'GenerateServiceLastAccessedDetails', idKey: 'JobId', pending: (out) => out.JobStatus === 'IN_PROGRESS' },
  },

  // organizations (global; answers in the management account or a delegated administrator)
  { service: 'organizations', operation: 'DescribeOrganization', scope: 'global', actions: ['organizations:DescribeOrganization'] },
  { service: 'organizations', operation: 'ListAccounts', scope: 'global', actions: ['organizations:ListAccounts'], paginate: nextToken('Accounts') },
  {
    service: 'organizations', operation: 'ListPolicies', scope: 'global', actions: ['organizations:ListPolicies'],
    input: { Filter: 'SERVICE_CONTROL_POLICY' }, paginate: nextToken('Policies'),
  },
  {
    service: 'organizations', operation: 'DescribePolicy', scope: 'global', actions: ['organizations:DescribePolicy'],
    perResource: { parent: 'ListPolicies', keys: ['Policies[].Id'], param: 'PolicyId' },
  },
  // Which accounts administer GuardDuty/Security Hub/… for the organization (management account only).
  {
    service: 'organizations', operation: 'ListDelegatedAdministrators', scope: 'global', actions: ['organizations:ListDelegatedAdministrators'],
    paginate: nextToken('DelegatedAdministrators'),
  },

  // account
  {
    service: 'account', operation: 'GetAlternateContact', scope: 'global', actions: ['account:GetAlternateContact'],
    perResource: { values: ALTERNATE_CONTACT_TYPES, param: 'AlternateContactType' },
  },

  // s3: buckets are global; per-bucket calls are recorded under the home region, keyed by name,
  // but sent to the bucket's own region.
  { service: 's3', operation: 'ListBuckets', scope: 'global', actions: ['s3:ListAllMyBuckets'], paginate: { inputToken: 'ContinuationToken', outputToken: 'ContinuationToken', listKeys: ['Buckets'] } },
  ...bucketCalls([
    ['GetBucketLocation', 's3:GetBucketLocation'],
    ['GetBucketPolicy', 's3:GetBucketPolicy'],
    ['GetBucketPolicyStatus', 's3:GetBucketPolicyStatus'],
    ['GetBucketAcl', 's3:GetBucketAcl'],
    ['GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
    ['GetBucketOwnershipControls', 's3:GetBucketOwnershipControls'],
    ['GetBucketEncryption', 's3:GetEncryptionConfiguration'],
    ['GetBucketVersioning', 's3:GetBucketVersioning'],
    ['GetBucketLogging', 's3:GetBucketLogging'],
    ['GetBucketReplication', 's3:GetReplicationConfiguration'],
    ['GetObjectLockConfiguration', 's3:GetBucketObjectLockConfiguration'],
    ['GetBucketLifecycleConfiguration', 's3:GetLifecycleConfiguration'],
    ['GetBucketWebsite', 's3:GetBucketWebsite'],
    ['GetBucketCors', 's3:GetBucketCORS'],
  ]),

  // s3-control: the account-level Block Public Access
  { service: 's3-control', operation: 'GetPublicAccessBlock', scope: 'global', actions: ['s3:GetAccountPublicAccessBlock'], input: { AccountId: '{account}' } },

  // ec2 (DescribeRegions is recorded by region discovery)
  { service: 'ec2', operation: 'DescribeInstances', scope: 'regional', actions: ['ec2:DescribeInstances'], paginate: nextToken('Reservations') },
  { service: 'ec2', operation: 'DescribeSecurityGroups', scope: 'regional', actions: ['ec2:DescribeSecurityGroups'], paginate: nextToken('SecurityGroups') },
  { service: 'ec2', operation: 'DescribeNetworkAcls', scope: 'regional', actions: ['ec2:DescribeNetworkAcls'], paginate: nextToken('NetworkAcls') },
  { service: 'ec2', operation: 'DescribeVpcs', scope: 'regional', actions: ['ec2:DescribeVpcs'], paginate: nextToken('Vpcs') },
  { service: 'ec2', operation: 'DescribeSubnets', scope: 'regional', actions: ['ec2:DescribeSubnets'], paginate: nextToken('Subnets') },
  { service: 'ec2', operation: 'DescribeRouteTables', scope: 'regional', actions: ['ec2:DescribeRouteTables'], paginate: nextToken('RouteTables') },
  { service: 'ec2', operation: 'DescribeInternetGateways', scope: 'regional', actions: ['ec2:DescribeInternetGateways'], paginate: nextToken('InternetGateways') },
  { service: 'ec2', operation: 'DescribeFlowLogs', scope: 'regional', actions: ['ec2:DescribeFlowLogs'], paginate: nextToken('FlowLogs') },
  { service: 'ec2', operation: 'DescribeVolumes', scope: 'regional', actions: ['ec2:DescribeVolumes'], paginate: nextToken('Volumes') },
  { service: 'ec2', operation: 'DescribeSnapshots', scope: 'regional', actions: ['ec2:DescribeSnapshots'], input: { OwnerIds: ['self'] }, paginate: nextToken('Snapshots') },
  { service: 'ec2', operation: 'GetEbsEncryptionByDefault', scope: 'regional', actions: ['ec2:GetEbsEncryptionByDefault'] },
  {
    service: 'ec2', operation: 'DescribeSnapshotAttribute', scope: 'regional', actions: ['ec2:DescribeSnapshotAttribute'],
    input: { Attribute: 'createVolumePermission' },
    perResource: { parent: 'DescribeSnapshots', keys: ['Snapshots[].SnapshotId'], param: 'SnapshotId' },
  },
  { service: 'ec2', operation: 'DescribeImages', scope: 'regional', actions: ['ec2:DescribeImages'], input: { Owners: ['self'] }, paginate: nextToken('Images') },
  {
    service: 'ec2', operation: 'DescribeImageAttribute', scope: 'regional', actions: ['ec2:DescribeImageAttribute'],
    input: { Attribute: 'launchPermission' },
    perResource: { parent: 'DescribeImages', keys: ['Images[].ImageId'], param: 'ImageId' },
  },
  // Elastic IPs (not paginated)
  { service: 'ec2', operation: 'DescribeAddresses', scope: 'regional', actions: ['ec2:DescribeAddresses'] },

  // cloudtrail: shadow trails included, so a multi-region trail shows in every region
  { service: 'cloudtrail', operation: 'DescribeTrails', scope: 'regional', actions: ['cloudtrail:DescribeTrails'], input: { includeShadowTrails: true } },
  {
    service: 'cloudtrail', operation: 'GetTrailStatus', scope: 'regional', actions: ['cloudtrail:GetTrailStatus'],
    perResource: { parent: 'DescribeTrails', keys: ['trailList[].TrailARN'], param: 'Name' },
  },
  {
    service: 'cloudtrail', operation: 'GetEventSelectors', scope: 'regional', actions: ['cloudtrail:GetEventSelectors'],
    perResource: { parent: 'DescribeTrails', keys: ['trailList[].TrailARN'], param: 'TrailName' },
  },

  // config-service
  { service: 'config-service', operation: 'DescribeConfigurationRecorders', scope: 'regional', actions: ['config:DescribeConfigurationRecorders'] },
  { service: 'config-service', operation: 'DescribeConfigurationRecorderStatus', scope: 'regional', actions: ['config:DescribeConfigurationRecorderStatus'] },
  { service: 'config-service', operation: 'DescribeDeliveryChannels', scope: 'regional', actions: ['config:DescribeDeliveryChannels'] },
  { service: 'config-service', operation: 'DescribeConfigurationAggregators', scope: 'regional', actions: ['config:DescribeConfigurationAggregators'], paginate: nextToken('ConfigurationAggregators') },

  // guardduty, securityhub, access analyzer, inspector, macie, detective
  { service: 'guardduty', operation: 'ListDetectors', scope: 'regional', actions: ['guardduty:ListDetectors'], paginate: nextToken('DetectorIds') },
  {
    service: 'guardduty', operation: 'GetDetector', scope: 'regional', actions: ['guardduty:GetDetector'],
    perResource: { parent: 'ListDetectors', keys: ['DetectorIds[]'], param: 'DetectorId' },
  },
  // An administrator's member accounts (empty elsewhere): covers members in guardduty-enabled-centralized.
  {
    service: 'guardduty', operation: 'ListMembers', scope: 'regional', actions: ['guardduty:ListMembers'], paginate: nextToken('Members'),
    perResource: { parent: 'ListDetectors', keys: ['DetectorIds[]'], param: 'DetectorId' },
  },
  { service: 'securityhub', operation: 'DescribeHub', scope: 'regional', actions: ['securityhub:DescribeHub'] },
  { service: 'securityhub', operation: 'GetEnabledStandards', scope: 'regional', actions: ['securityhub:GetEnabledStandards'], paginate: nextToken('StandardsSubscriptions') },
  { service: 'securityhub', operation: 'ListMembers', scope: 'regional', actions: ['securityhub:ListMembers'], paginate: nextToken('Members') },
  { service: 'accessanalyzer', operation: 'ListAnalyzers', scope: 'regional', actions: ['access-analyzer:ListAnalyzers'], paginate: nextTokenLower('analyzers') },
  { service: 'inspector2', operation: 'BatchGetAccountStatus', scope: 'regional', actions: ['inspector2:BatchGetAccountStatus'] },
  { service: 'macie2', operation: 'GetMacieSession', scope: 'regional', actions: ['macie2:GetMacieSession'] },
  { service: 'macie2', operation: 'GetAutomatedDiscoveryConfiguration', scope: 'regional', actions: ['macie2:GetAutomatedDiscoveryConfiguration'] },
  { service: 'detective', operation: 'ListGraphs', scope: 'regional', actions: ['detective:ListGraphs'], paginate: nextToken('GraphList') },

  // kms
  { service: 'kms', operation: 'ListKeys', scope: 'regional', actions: ['kms:ListKeys'], input: { Limit: 1000 }, paginate: { ...marker('Keys'), moreKey: 'Truncated' } },
  { service: 'kms', operation: 'ListAliases', scope: 'regional', actions: ['kms:ListAliases'], input: { Limit: 100 }, paginate: { ...marker('Aliases'), moreKey: 'Truncated' } },
  ...perKey('kms', 'ListKeys', 'Keys[].KeyId', 'KeyId', [
    ['DescribeKey', 'kms:DescribeKey'],
    ['GetKeyRotationStatus', 'kms:GetKeyRotationStatus'],
    ['GetKeyPolicy', 'kms:GetKeyPolicy', { PolicyName: 'default' }],
    ['ListResourceTags', 'kms:ListResourceTags'],
  ]),

  // rds
  { service: 'rds', operation: 'DescribeDBInstances', scope: 'regional', actions: ['rds:DescribeDBInstances'], paginate: rdsMarker('DBInstances') },
  { service: 'rds', operation: 'DescribeDBClusters', scope: 'regional', actions: ['rds:DescribeDBClusters'], paginate: rdsMarker('DBClusters') },
  { service: 'rds', operation: 'DescribeDBSnapshots', scope: 'regional', actions: ['rds:DescribeDBSnapshots'], paginate: rdsMarker('DBSnapshots') },
  {
    service: 'rds', operation: 'DescribeDBSnapshotAttributes', scope: 'regional', actions: ['rds:DescribeDBSnapshotAttributes'],
    perResource: { parent: 'DescribeDBSnapshots', keys: ['DBSnapshots[].DBSnapshotIdentifier'], param: 'DBSnapshotIdentifier' },
  },

  // lambda
  { service: 'lambda', operation: 'ListFunctions', scope: 'regional', actions: ['lambda:ListFunctions'], paginate: marker('Functions') },
  ...perKey('lambda', 'ListFunctions', 'Functions[].FunctionName', 'FunctionName', [
    ['GetPolicy', 'lambda:GetPolicy'],
    ['GetFunctionUrlConfig', 'lambda:GetFunctionUrlConfig'],
  ]),

  // dynamodb
  { service: 'dynamodb', operation: 'ListTables', scope: 'regional', actions: ['dynamodb:ListTables'], paginate: token('ExclusiveStartTableName', 'LastEvaluatedTableName', 'TableNames') },
  ...perKey('dynamodb', 'ListTables', 'TableNames[]', 'TableName', [
    ['DescribeTable', 'dynamodb:DescribeTable'],
    ['DescribeContinuousBackups', 'dynamodb:DescribeContinuousBackups'],
  ]),
  { service: 'dynamodb', operation: 'DescribeLimits', scope: 'regional', actions: ['dynamodb:DescribeLimits'] },
  // Auto scaling of provisioned tables and indexes (dynamodb-autoscaling-enabled)
  {
    service: 'application-auto-scaling', operation: 'DescribeScalableTargets', scope: 'regional', actions: ['application-autoscaling:DescribeScalableTargets'],
    input: { ServiceNamespace: 'dynamodb' }, paginate: nextToken('ScalableTargets'),
  },

  // acm
  {
    service: 'acm', operation: 'ListCertificates', scope: 'regional', actions: ['acm:ListCertificates'], paginate: nextToken('CertificateSummaryList'),
    // Without this filter ACM lists only RSA_2048 certificates.
    input: { Includes: { keyTypes: ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'] } },
  },
  ...perKey('acm', 'ListCertificates', 'CertificateSummaryList[].CertificateArn', 'CertificateArn', [['DescribeCertificate', 'acm:DescribeCertificate']]),

  // elastic-load-balancing-v2
  { service: 'elastic-load-balancing-v2', operation: 'DescribeLoadBalancers', scope: 'regional', actions: ['elasticloadbalancing:DescribeLoadBalancers'], paginate: marker('LoadBalancers') },
  {
    service: 'elastic-load-balancing-v2', operation: 'DescribeListeners', scope: 'regional', actions: ['elasticloadbalancing:DescribeListeners'], paginate: marker('Listeners'),
    perResource: { parent: 'DescribeLoadBalancers', keys: ['LoadBalancers[].LoadBalancerArn'], param: 'LoadBalancerArn' },
  },
  {
    service: 'elastic-load-balancing-v2', operation: 'DescribeLoadBalancerAttributes', scope: 'regional', actions: ['elasticloadbalancing:DescribeLoadBalancerAttributes'],
    perResource: { parent: 'DescribeLoadBalancers', keys: ['LoadBalancers[].LoadBalancerArn'], param: 'LoadBalancerArn' },
  },

  // wafv2: REGIONAL web ACLs in every region; CLOUDFRONT ones (global) merged in at the home region
  {
    service: 'wafv2', operation: 'ListWebACLs', scope: 'regional', actions: ['wafv2:ListWebACLs'],
    input: { Scope: 'REGIONAL' }, homeRegionExtraInput: { Scope: 'CLOUDFRONT' }, paginate: token('NextMarker', 'NextMarker', 'WebACLs'),
  },
  {
    service: 'wafv2', operation: 'ListResourcesForWebACL', scope: 'regional', actions: ['wafv2:ListResourcesForWebACL'],
    // CloudFront distributions name their web ACL themselves; only regional ACLs list resources.
    perResource: { parent: 'ListWebACLs', keys: ['WebACLs[].ARN'], param: 'WebACLArn', where: (arn) => arn.includes(':regional/webacl/') },
  },
  {
    // The rules (ListWebACLs has none). Keyed by ARN; the call takes Name, Id and Scope, read from it.
    service: 'wafv2', operation: 'GetWebACL', scope: 'regional', actions: ['wafv2:GetWebACL'],
    perResource: { parent: 'ListWebACLs', keys: ['WebACLs[].ARN'], param: 'ARN', inputFromKey: webAclInput },
  },

  // cloudfront (global)
  {
    service: 'cloudfront', operation: 'ListDistributions', scope: 'global', actions: ['cloudfront:ListDistributions'],
    paginate: { ...token('Marker', 'DistributionList.NextMarker', 'DistributionList.Items'), moreKey: 'DistributionList.IsTruncated' },
  },
  // The full configuration (default root object, logging…), which ListDistributions leaves out.
  {
    service: 'cloudfront', operation: 'GetDistributionConfig', scope: 'global', actions: ['cloudfront:GetDistributionConfig'],
    perResource: { parent: 'ListDistributions', keys: ['DistributionList.Items[].Id'], param: 'Id' },
  },

  // opensearch
  { service: 'opensearch', operation: 'ListDomainNames', scope: 'regional', actions: ['es:ListDomainNames'] },
  ...perKey('opensearch', 'ListDomainNames', 'DomainNames[].DomainName', 'DomainName', [['DescribeDomain', 'es:DescribeDomain']]),

  // secrets-manager, ssm
  { service: 'secrets-manager', operation: 'ListSecrets', scope: 'regional', actions: ['secretsmanager:ListSecrets'], input: { MaxResults: 100 }, paginate: nextToken('SecretList') },
  ...perKey('secrets-manager', 'ListSecrets', 'SecretList[].ARN', 'SecretId', [['GetResourcePolicy', 'secretsmanager:GetResourcePolicy']]),
  { service: 'ssm', operation: 'DescribeParameters', scope: 'regional', actions: ['ssm:DescribeParameters'], paginate: nextToken('Parameters') },
  { service: 'ssm', operation: 'DescribeInstanceInformation', scope: 'regional', actions: ['ssm:DescribeInstanceInformation'], paginate: nextToken('InstanceInformationList') },

  // cloudwatch, cloudwatch-logs
  { service: 'cloudwatch', operation: 'DescribeAlarms', scope: 'regional', actions: ['cloudwatch:DescribeAlarms'], paginate: nextToken('MetricAlarms', 'CompositeAlarms') },
  { service: 'cloudwatch-logs', operation: 'DescribeMetricFilters', scope: 'regional', actions: ['logs:DescribeMetricFilters'], paginate: nextTokenLower('metricFilters') },
  { service: 'cloudwatch-logs', operation: 'DescribeLogGroups', scope: 'regional', actions: ['logs:DescribeLogGroups'], paginate: nextTokenLower('logGroups') },

  // sns, sqs
  { service: 'sns', operation: 'ListTopics', scope: 'regional', actions: ['sns:ListTopics'], paginate: nextToken('Topics') },
  ...perKey('sns', 'ListTopics', 'Topics[].TopicArn', 'TopicArn', [
    ['GetTopicAttributes', 'sns:GetTopicAttributes'],
    ['ListSubscriptionsByTopic', 'sns:ListSubscriptionsByTopic', undefined, nextToken('Subscriptions')],
  ]),
  // SQS pages (and returns more than 1,000 queues) only when MaxResults is set.
  { service: 'sqs', operation: 'ListQueues', scope: 'regional', actions: ['sqs:ListQueues'], input: { MaxResults: 1000 }, paginate: nextToken('QueueUrls') },
  ...perKey('sqs', 'ListQueues', 'QueueUrls[]', 'QueueUrl', [['GetQueueAttributes', 'sqs:GetQueueAttributes', { AttributeNames: ['All'] }]]),

  // ecr, eks, shield, efs
  { service: 'ecr', operation: 'DescribeRepositories', scope: 'regional', actions: ['ecr:DescribeRepositories'], paginate: nextTokenLower('repositories') },
  ...perKey('ecr', 'DescribeRepositories', 'repositories[].repositoryName', 'repositoryName', [
    ['GetRepositoryPolicy', 'ecr:GetRepositoryPolicy'],
    ['GetLifecyclePolicy', 'ecr:GetLifecyclePolicy'],
  ]),
  { service: 'eks', operation: 'ListClusters', scope: 'regional', actions: ['eks:ListClusters'], paginate: nextTokenLower('clusters') },
  ...perKey('eks', 'ListClusters', 'clusters[]', 'name', [['DescribeCluster', 'eks:DescribeCluster']]),
  { service: 'shield', operation: 'GetSubscriptionState', scope: 'global', actions: ['shield:GetSubscriptionState'] },
  { service: 'efs', operation: 'DescribeFileSystems', scope: 'regional', actions: ['elasticfilesystem:DescribeFileSystems'], paginate: marker('FileSystems') },

  // api gateway (REST APIs and their stages)
  { service: 'api-gateway', operation: 'GetRestApis', scope: 'regional', actions: ['apigateway:GET'], paginate: token('position', 'position', 'items') },
  ...perKey('api-gateway', 'GetRestApis', 'items[].id', 'restApiId', [['GetStages', 'apigateway:GET']]),
];

/**
 * GetWebACL's input from a web ACL ARN:
 * `arn:<partition>:wafv2:<region>:<account>:<regional|global>/webacl/<name>/<id>`
 * (global = CLOUDFRONT scope, listed and read in the home region).
 */
export function webAclInput(arn: string): Record<string, unknown> {
  const [scope, , name, id] = arn.split(':').slice(5).join(':').split('/');
  return { Name: name, Id: id, Scope: scope === 'global' ? 'CLOUDFRONT' : 'REGIONAL' };
}

function bucketCalls(calls: Array<[operation: string, action: string]>): OperationSpec[] {
  return calls.map(([operation, action]) => ({
    service: 's3',
    operation,
    scope: 'global',
    actions: [action],
    perResource: { parent: 'ListBuckets', keys: ['Buckets[].Name'], param: 'Bucket' },
    // GetBucketLocation is what tells the region; it answers from the home region.
    inBucketRegion: operation !== 'GetBucketLocation',
  }));
}

function perKey(
  service: OperationSpec['service'],
  parent: string,
  keyPath: string,
  param: string,
  calls: Array<[operation: string, action: string, input?: Record<string, unknown>, paginate?: Pagination]>,
): OperationSpec[] {
  return calls.map(([operation, action, input, paginate]) => ({
    service,
    operation,
    scope: 'regional',
    actions: [action],
    ...(input ? { input } : {}),
    ...(paginate ? { paginate } : {}),
    perResource: { parent, keys: [keyPath], param },
  }));
}

/** Region discovery's call, recorded like the rest (ec2 DescribeRegions under the home region). */
export const REGION_DISCOVERY_ACTIONS = ['ec2:DescribeRegions'];
/** Account discovery with --org-role (the caller's side; members need only the read-only policy). */
export const ORGANIZATION_DISCOVERY_ACTIONS = ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'sts:AssumeRole'];

export function operationsFor(services?: string[]): OperationSpec[] {
  return services?.length ? REGISTRY.filter((op) => services.includes(op.service)) : [...REGISTRY];
}

export const REGISTERED_SERVICES: string[] = [...new Set(REGISTRY.map((op) => op.service))].sort();
