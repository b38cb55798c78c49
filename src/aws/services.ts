/**
 * The AWS services Vigil talks to, by SDK v3 client name (the name the snapshot records).
 * Each SDK package is imported only when first used: loading all of them costs seconds.
 */
type SdkModule = Record<string, unknown>;

interface ServiceInfo {
  load: () => Promise<SdkModule>;
  /** The client class exported by the package. */
  clientClass: string;
  /** The service prefix in IAM actions (`config-service` → `config`). */
  iamPrefix: string;
}

export const SERVICES = {
  accessanalyzer: { load: () => import('@aws-sdk/client-accessanalyzer'), clientClass: 'AccessAnalyzerClient', iamPrefix: 'access-analyzer' },
  account: { load: () => import('@aws-sdk/client-account'), clientClass: 'AccountClient', iamPrefix: 'account' },
  acm: { load: () => import('@aws-sdk/client-acm'), clientClass: 'ACMClient', iamPrefix: 'acm' },
  'application-auto-scaling': {
    load: () => import('@aws-sdk/client-application-auto-scaling'),
    clientClass: 'ApplicationAutoScalingClient',
    iamPrefix: 'application-autoscaling',
  },
  'api-gateway': { load: () => import('@aws-sdk/client-api-gateway'), clientClass: 'APIGatewayClient', iamPrefix: 'apigateway' },
  cloudfront: { load: () => import('@aws-sdk/client-cloudfront'), clientClass: 'CloudFrontClient', iamPrefix: 'cloudfront' },
  cloudtrail: { load: () => import('@aws-sdk/client-cloudtrail'), clientClass: 'CloudTrailClient', iamPrefix: 'cloudtrail' },
  cloudwatch: { load: () => import('@aws-sdk/client-cloudwatch'), clientClass: 'CloudWatchClient', iamPrefix: 'cloudwatch' },
  'cloudwatch-logs': { load: () => import('@aws-sdk/client-cloudwatch-logs'), clientClass: 'CloudWatchLogsClient', iamPrefix: 'logs' },
  'config-service': { load: () => import('@aws-sdk/client-config-service'), clientClass: 'ConfigServiceClient', iamPrefix: 'config' },
  detective: { load: () => import('@aws-sdk/client-detective'), clientClass: 'DetectiveClient', iamPrefix: 'detective' },
  dynamodb: { load: () => import('@aws-sdk/client-dynamodb'), clientClass: 'DynamoDBClient', iamPrefix: 'dynamodb' },
  ec2: { load: () => import('@aws-sdk/client-ec2'), clientClass: 'EC2Client', iamPrefix: 'ec2' },
  ecr: { load: () => import('@aws-sdk/client-ecr'), clientClass: 'ECRClient', iamPrefix: 'ecr' },
  efs: { load: () => import('@aws-sdk/client-efs'), clientClass: 'EFSClient', iamPrefix: 'elasticfilesystem' },
  eks: { load: () => import('@aws-sdk/client-eks'), clientClass: 'EKSClient', iamPrefix: 'eks' },
  'elastic-load-balancing-v2': { load: () => import('@aws-sdk/client-elastic-load-balancing-v2'), clientClass: 'ElasticLoadBalancingV2Client', iamPrefix: 'elasticloadbalancing' },
  guardduty: { load: () => import('@aws-sdk/client-guardduty'), clientClass: 'GuardDutyClient', iamPrefix: 'guardduty' },
  iam: { load: () => import('@aws-sdk/client-iam'), clientClass: 'IAMClient', iamPrefix: 'iam' },
  inspector2: { load: () => import('@aws-sdk/client-inspector2'), clientClass: 'Inspector2Client', iamPrefix: 'inspector2' },
  kms: { load: () => import('@aws-sdk/client-kms'), clientClass: 'KMSClient', iamPrefix: 'kms' },
  lambda: { load: () => import('@aws-sdk/client-lambda'), clientClass: 'LambdaClient', iamPrefix: 'lambda' },
  macie2: { load: () => import('@aws-sdk/client-macie2'), clientClass: 'Macie2Client', iamPrefix: 'macie2' },
  opensearch: { load: () => import('@aws-sdk/client-opensearch'), clientClass: 'OpenSearchClient', iamPrefix: 'es' },
  organizations: { load: () => import('@aws-sdk/client-organizations'), clientClass: 'OrganizationsClient', iamPrefix: 'organizations' },
  rds: { load: () => import('@aws-sdk/client-rds'), clientClass: 'RDSClient', iamPrefix: 'rds' },
  s3: { load: () => import('@aws-sdk/client-s3'), clientClass: 'S3Client', iamPrefix: 's3' },
  's3-control': { load: () => import('@aws-sdk/client-s3-control'), clientClass: 'S3ControlClient', iamPrefix: 's3' },
  'secrets-manager': { load: () => import('@aws-sdk/client-secrets-manager'), clientClass: 'SecretsManagerClient', iamPrefix: 'secretsmanager' },
  securityhub: { load: () => import('@aws-sdk/client-securityhub'), clientClass: 'SecurityHubClient', iamPrefix: 'securityhub' },
  shield: { load: () => import('@aws-sdk/client-shield'), clientClass: 'ShieldClient', iamPrefix: 'shield' },
  sns: { load: () => import('@aws-sdk/client-sns'), clientClass: 'SNSClient', iamPrefix: 'sns' },
  sqs: { load: () => import('@aws-sdk/client-sqs'), clientClass: 'SQSClient', iamPrefix: 'sqs' },
  ssm: { load: () => import('@aws-sdk/client-ssm'), clientClass: 'SSMClient', iamPrefix: 'ssm' },
  sts: { load: () => import('@aws-sdk/client-sts'), clientClass: 'STSClient', iamPrefix: 'sts' },
  wafv2: { load: () => import('@aws-sdk/client-wafv2'), clientClass: 'WAFV2Client', iamPrefix: 'wafv2' },
} satisfies Record<string, ServiceInfo>;

export type ServiceName = keyof typeof SERVICES;

export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(SERVICES, name);
}
