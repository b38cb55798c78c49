import { findingId, type Finding } from '../../core/finding.ts';
import type { Severity } from '../../core/severity.ts';

/**
 * Mapping of findings read from AWS security services into Contract 2 (`source: imported`).
 * Each mapper takes one finding exactly as the service's API returns it.
 */

export type ImportService = 'guardduty' | 'securityhub' | 'accessanalyzer' | 'inspector';

const iso = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** GuardDuty's numeric severity bands (the GuardDuty User Guide "Severity levels"). */
export function guardDutySeverity(score: number): Severity {
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  return 'LOW';
}

function imported(service: ImportService, originalId: string, rest: Omit<Finding, 'id' | 'source' | 'compliance' | 'evidence'> & { compliance?: Finding['compliance']; evidence?: Finding['evidence'] }): Finding {
  return {
    id: findingId('imported', service, originalId),
    source: 'imported',
    compliance: {},
    ...rest,
    evidence: { importedFrom: service, originalId, ...rest.evidence },
  };
}

export function fromGuardDuty(f: any): Finding {
  const resource = f.Resource ?? {};
  let ref: Finding['resource'] = { type: 'AWS::::Account', id: String(f.AccountId) };
  if (resource.ResourceType === 'Instance' && resource.InstanceDetails?.InstanceId) ref = { type: 'AWS::EC2::Instance', id: resource.InstanceDetails.InstanceId };
  else if (resource.ResourceType === 'AccessKey' && resource.AccessKeyDetails) ref = { type: resource.AccessKeyDetails.UserType === 'Root' ? 'AWS::::Account' : 'AWS::IAM::User', id: resource.AccessKeyDetails.UserName ?? resource.AccessKeyDetails.PrincipalId ?? String(f.AccountId) };
  else if (resource.ResourceType === 'S3Bucket' && resource.S3BucketDetails?.[0]) ref = { type: 'AWS::S3::Bucket', id: resource.S3BucketDetails[0].Arn ?? resource.S3BucketDetails[0].Name };
  else if (resource.ResourceType === 'EKSCluster' && resource.EksClusterDetails) ref = { type: 'AWS::EKS::Cluster', id: resource.EksClusterDetails.Arn ?? resource.EksClusterDetails.Name };
  else if (resource.ResourceType === 'RDSDBInstance' && resource.RdsDbInstanceDetails) ref = { type: 'AWS::RDS::DBInstance', id: resource.RdsDbInstanceDetails.DbInstanceArn ?? resource.RdsDbInstanceDetails.DbInstanceIdentifier };
  else if (resource.ResourceType === 'Lambda' && resource.LambdaDetails) ref = { type: 'AWS::Lambda::Function', id: resource.LambdaDetails.FunctionArn ?? resource.LambdaDetails.FunctionName };
  return imported('guardduty', String(f.Id), {
    type: String(f.Type),
    severity: guardDutySeverity(Number(f.Severity ?? 0)),
    title: String(f.Title ?? f.Type),
    description: String(f.Description ?? ''),
    account: String(f.AccountId),
    region: String(f.Region),
    resource: ref,
    firstSeen: iso(f.Service?.EventFirstSeen) ?? iso(f.CreatedAt),
    lastSeen: iso(f.Service?.EventLastSeen) ?? iso(f.UpdatedAt),
    count: Number(f.Service?.Count ?? 1),
    references: [`https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-active.html`],
    evidence: { arn: f.Arn, archived: f.Service?.Archived ?? false },
  });
}

const ASFF_COMPLIANCE: Record<string, Finding['status']> = { PASSED: 'PASS', FAILED: 'FAIL', WARNING: 'FAIL', NOT_AVAILABLE: 'ERROR' };

/** ASFF resource types back to CloudFormation names where they are the same resource. */
const ASFF_TO_CFN: Record<string, string> = {
  AwsS3Bucket: 'AWS::S3::Bucket', AwsIamUser: 'AWS::IAM::User', AwsIamRole: 'AWS::IAM::Role', AwsIamPolicy: 'AWS::IAM::ManagedPolicy', AwsAccount: 'AWS::::Account',
  AwsEc2Instance: 'AWS::EC2::Instance', AwsEc2SecurityGroup: 'AWS::EC2::SecurityGroup', AwsEc2Volume: 'AWS::EC2::Volume', AwsEc2Vpc: 'AWS::EC2::VPC',
  AwsKmsKey: 'AWS::KMS::Key', AwsLambdaFunction: 'AWS::Lambda::Function', AwsRdsDbInstance: 'AWS::RDS::DBInstance', AwsCloudTrailTrail: 'AWS::CloudTrail::Trail',
  AwsSnsTopic: 'AWS::SNS::Topic', AwsSqsQueue: 'AWS::SQS::Queue', AwsDynamoDbTable: 'AWS::DynamoDB::Table', AwsEksCluster: 'AWS::EKS::Cluster',
};

export function fromSecurityHub(f: any): Finding {
  const resource = f.Resources?.[0] ?? {};
  const controlId = f.Compliance?.SecurityControlId ?? f.ProductFields?.ControlId;
  const compliance: Finding['compliance'] = controlId ? { 'aws-fsbp': [String(controlId)] } : {};
  const label = String(f.Severity?.Label ?? 'INFORMATIONAL') as Severity;
  return imported('securityhub', String(f.Id), {
    type: controlId ? String(controlId) : String(f.Types?.[0] ?? 'SecurityHub/Finding'),
    status: f.Compliance?.Status ? ASFF_COMPLIANCE[f.Compliance.Status] : undefined,
    severity: ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(label) ? label : 'INFORMATIONAL',
    title: String(f.Title ?? ''),
    description: String(f.Description ?? ''),
    remediation: f.Remediation?.Recommendation?.Text,
    account: String(f.AwsAccountId),
    region: String(f.Region ?? resource.Region ?? 'global'),
    resource: { type: ASFF_TO_CFN[resource.Type] ?? String(resource.Type ?? 'Other'), id: String(resource.Id ?? f.AwsAccountId) },
    compliance,
    firstSeen: iso(f.FirstObservedAt) ?? iso(f.CreatedAt),
    lastSeen: iso(f.LastObservedAt) ?? iso(f.UpdatedAt),
    evidence: { productArn: f.ProductArn, productName: f.ProductName, generatorId: f.GeneratorId, workflow: f.Workflow?.Status, recordState: f.RecordState },
  });
}

export function fromAccessAnalyzer(f: any, account: string, region: string): Finding {
  const principal = f.principal ?? {};
  return imported('accessanalyzer', String(f.id), {
    type: 'AccessAnalyzer/ExternalAccess',
    status: f.status === 'ACTIVE' ? 'FAIL' : 'PASS',
    severity: f.isPublic ? 'HIGH' : 'MEDIUM',
    title: `${f.isPublic ? 'Public' : 'External'} access to ${f.resourceType ?? 'resource'} ${f.resource ?? ''}`.trim(),
    description: `IAM Access Analyzer reports that ${Object.values(principal).join(', ') || 'a principal outside the zone of trust'} can perform ${(f.action ?? []).join(', ') || 'actions'} on ${f.resource}.`,
    account: String(f.resourceOwnerAccount ?? account),
    region,
    resource: { type: String(f.resourceType ?? 'Other').replace(/^AWS::/, 'AWS::'), id: String(f.resource ?? f.id) },
    firstSeen: iso(f.createdAt),
    lastSeen: iso(f.updatedAt ?? f.analyzedAt),
    evidence: { principal, actions: f.action, condition: f.condition, isPublic: f.isPublic, analyzerStatus: f.status },
  });
}

const INSPECTOR_SEVERITY: Record<string, Severity> = { UNTRIAGED: 'INFORMATIONAL', INFORMATIONAL: 'INFORMATIONAL', LOW: 'LOW', MEDIUM: 'MEDIUM', HIGH: 'HIGH', CRITICAL: 'CRITICAL' };
const INSPECTOR_RESOURCE: Record<string, string> = { AWS_EC2_INSTANCE: 'AWS::EC2::Instance', AWS_ECR_CONTAINER_IMAGE: 'AWS::ECR::Repository', AWS_ECR_REPOSITORY: 'AWS::ECR::Repository', AWS_LAMBDA_FUNCTION: 'AWS::Lambda::Function' };

export function fromInspector(f: any): Finding {
  const resource = f.resources?.[0] ?? {};
  return imported('inspector', String(f.findingArn), {
    type: `Inspector/${f.type ?? 'Finding'}`,
    status: f.status === 'CLOSED' ? 'PASS' : 'FAIL',
    severity: INSPECTOR_SEVERITY[String(f.severity)] ?? 'INFORMATIONAL',
    title: String(f.title ?? ''),
    description: String(f.description ?? ''),
    remediation: f.remediation?.recommendation?.text,
    account: String(f.awsAccountId),
    region: String(resource.region ?? f.findingArn?.split(':')[3] ?? 'global'),
    resource: { type: INSPECTOR_RESOURCE[resource.type] ?? String(resource.type ?? 'Other'), id: String(resource.id ?? '') },
    firstSeen: iso(f.firstObservedAt),
    lastSeen: iso(f.lastObservedAt),
    evidence: { cve: f.packageVulnerabilityDetails?.vulnerabilityId, inspectorScore: f.inspectorScore },
  });
}
