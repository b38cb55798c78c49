import type { AwsSecurityFinding, ComplianceStatus, Resource, WorkflowStatus } from '@aws-sdk/client-securityhub';
import type { Finding, FindingSource } from '../core/finding.ts';
import type { Report } from './report.ts';
import { PRODUCT } from './product.ts';
import { sortFindings } from './summary.ts';
import { itemsSlot, joinChunks, prettyJsonChunks } from './chunks.ts';
import { requirementsOf, standardOf } from './standards.ts';

/** BatchImportFindings and the ASFF attribute reference set these limits. */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  noteText: 512,
  types: 50,
  resources: 32,
  relatedRequirements: 32,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
} as const;

/** CloudFormation type → ASFF resource type; anything not listed is `Other`. */
const RESOURCE_TYPES: Record<string, string> = {
  'AWS::::Account': 'AwsAccount',
  'AWS::Account': 'AwsAccount',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::Policy': 'AwsIamPolicy',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::AccessKey': 'AwsIamAccessKey',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::S3::AccountPublicAccessBlock': 'AwsS3AccountPublicAccessBlock',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::RouteTable': 'AwsEc2RouteTable',
  'AWS::EC2::NetworkInterface': 'AwsEc2NetworkInterface',
  'AWS::EC2::EIP': 'AwsEc2Eip',
  'AWS::EC2::LaunchTemplate': 'AwsEc2LaunchTemplate',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBSnapshot': 'AwsRdsDbSnapshot',
  'AWS::RDS::DBClusterSnapshot': 'AwsRdsDbClusterSnapshot',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::OpenSearchService::Domain': 'AwsOpenSearchServiceDomain',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::EKS::Cluster': 'AwsEksCluster',
  'AWS::WAFv2::WebACL': 'AwsWafv2WebAcl',
  'AWS::CertificateManager::Certificate': 'AwsCertificateManagerCertificate',
  'AWS::GuardDuty::Detector': 'AwsGuardDutyDetector',
  'AWS::CloudWatch::Alarm': 'AwsCloudWatchAlarm',
  'AWS::SSM::PatchCompliance': 'AwsSsmPatchCompliance',
  'AWS::EFS::AccessPoint': 'AwsEfsAccessPoint',
};

export function asffResourceType(cloudFormationType: string): string {
  return RESOURCE_TYPES[cloudFormationType] ?? 'Other';
}

/** GuardDuty's threat purposes → ASFF `namespace/category`, as GuardDuty itself maps them. */
const THREAT_PURPOSE: Record<string, string> = {
  Backdoor: 'TTPs/Command and Control',
  Behavior: 'Unusual Behaviors',
  CredentialAccess: 'TTPs/Credential Access',
  CryptoCurrency: 'Effects/Resource Consumption',
  DefenseEvasion: 'TTPs/Defense Evasion',
  Discovery: 'TTPs/Discovery',
  Execution: 'TTPs/Execution',
  Exfiltration: 'Effects/Data Exfiltration',
  Impact: 'Effects/Data Destruction',
  InitialAccess: 'TTPs/Initial Access',
  Persistence: 'TTPs/Persistence',
  PenTest: 'TTPs/Discovery',
  Policy: 'Software and Configuration Checks/AWS Security Best Practices',
  PrivilegeEscalation: 'TTPs/Privilege Escalation',
  Recon: 'TTPs/Discovery',
  Stealth: 'TTPs/Defense Evasion',
  Trojan: 'TTPs/Command and Control',
  UnauthorizedAccess: 'TTPs/Initial Access',
};

const SOURCE_CATEGORY: Record<FindingSource, string> = {
  posture: 'Software and Configuration Checks/AWS Security Best Practices',
  access: 'Software and Configuration Checks/AWS Security Best Practices',
  network: 'Software and Configuration Checks/AWS Security Best Practices',
  integrity: 'TTPs/Defense Evasion',
  data: 'Sensitive Data Identifications/Security',
  detection: 'Unusual Behaviors',
  imported: 'Software and Configuration Checks',
};

/** The classifier part: ASFF types use `/` as separator, so it cannot appear inside one. */
function classifier(type: string): string {
  return type.replace(/\//g, '-');
}

/** ASFF finding types, `namespace/category/classifier`, at most 50. */
export function asffTypes(finding: Finding): string[] {
  const types = new Set<string>();
  const standards = Object.keys(finding.compliance ?? {}).map(standardOf);
  for (const { name, standardsId } of standards) {
    if (standardsId?.includes('cis-aws')) types.add('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
    else if (standardsId) types.add('Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices');
    else if (name !== 'AWS Config') types.add(`Software and Configuration Checks/Industry and Regulatory Standards/${classifier(name)}`);
  }
  const purpose = /^([A-Za-z]+):/.exec(finding.type)?.[1];
  if (finding.source === 'detection' && purpose && THREAT_PURPOSE[purpose]) {
    types.add(`${THREAT_PURPOSE[purpose]}/${classifier(finding.type)}`);
  } else if (finding.source === 'access' && isPolicyCheck(finding)) {
    types.add(`Software and Configuration Checks/AWS Security Best Practices/${classifier(finding.type)}`);
  } else if (finding.source === 'access') {
    types.add('Software and Configuration Checks/AWS Security Best Practices/External Access Granted');
    if (finding.status === undefined || finding.status === 'FAIL') types.add(`Effects/Data Exposure/${classifier(finding.type)}`);
  } else if (finding.source === 'data') {
    types.add(`Sensitive Data Identifications/${sensitiveDataCategory(finding.type)}/${classifier(finding.type)}`);
  } else if (finding.source === 'network') {
    types.add('Software and Configuration Checks/AWS Security Best Practices/Network Reachability');
  } else {
    types.add(`${SOURCE_CATEGORY[finding.source]}/${classifier(finding.type)}`);
  }
  return [...types].slice(0, ASFF_LIMITS.types);
}

/** Macie-style data types (`SensitiveData:S3Object/Credentials`) → ASFF's sensitive-data categories. */
function sensitiveDataCategory(type: string): string {
  if (/credential|secret|password|key/i.test(type)) return 'Passwords';
  if (/financial|card|bank/i.test(type)) return 'Financial';
  if (/custom/i.test(type)) return 'Business';
  return 'PII';
}

/** Policy validation results (Access Analyzer check codes such as PASS_ROLE_WITH_STAR_IN_RESOURCE), as opposed to external access. */
function isPolicyCheck(finding: Finding): boolean {
  return finding.evidence?.issueCode !== undefined || /^[A-Z][A-Z0-9_]+$/.test(finding.type);
}

/** Partition from the resource ARN, else from the region name. */
export function partitionOf(finding: Finding): string {
  const fromArn = /^arn:(aws(?:-[a-z-]+)?):/.exec(finding.resource.id)?.[1];
  if (fromArn) return fromArn;
  if (finding.region.startsWith('cn-')) return 'aws-cn';
  if (finding.region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const HOME_REGION: Record<string, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

/** Global resources are reported in the partition's home region, as Security Hub does. */
export function asffRegion(finding: Finding): string {
  return finding.region === 'global' || !finding.region ? HOME_REGION[partitionOf(finding)] ?? 'us-east-1' : finding.region;
}

/** Cut to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
function limit(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(text[end - 1]!)) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Non-empty with a non-space character: ASFF's `.*\S.*` pattern on required strings. */
function nonBlank(text: string | undefined, fallback: string): string {
  return text && /\S/.test(text) ? text : fallback;
}

function isoTime(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? fallback : time.toISOString();
}

const COMPLIANCE_STATUS: Record<NonNullable<Finding['status']>, ComplianceStatus> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  SUPPRESSED: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
  NOT_APPLICABLE: 'NOT_AVAILABLE',
};

function workflowStatus(finding: Finding): WorkflowStatus {
  if (finding.workflow) return finding.workflow;
  if (finding.status === 'SUPPRESSED' || finding.suppression) return 'SUPPRESSED';
  if (finding.status === 'PASS') return 'RESOLVED';
  return 'NEW';
}

function productFields(finding: Finding): Record<string, string> {
  const fields: Record<string, string> = {
    'vigil/Source': finding.source,
    'vigil/Type': finding.type,
    'vigil/FindingId': finding.id,
    'vigil/ResourceType': finding.resource.type,
  };
  if (finding.status) fields['vigil/Status'] = finding.status;
  if (finding.count !== undefined) fields['vigil/Count'] = String(finding.count);
  if (finding.techniques?.length) fields['vigil/Techniques'] = finding.techniques.join(',');
  if (finding.evidence?.ruleId) fields['vigil/RuleId'] = finding.evidence.ruleId;
  if (finding.evidence?.events?.length) fields['vigil/EvidenceEvents'] = finding.evidence.events.join(',');
  if (finding.evidence?.api) fields['vigil/EvidenceApi'] = String(finding.evidence.api);
  if (finding.evidence?.field) fields['vigil/EvidenceField'] = String(finding.evidence.field);
  (finding.references ?? []).slice(0, 10).forEach((ref, i) => (fields[`vigil/Reference${i + 1}`] = ref));
  return Object.fromEntries(
    Object.entries(fields)
      .slice(0, ASFF_LIMITS.productFields)
      .map(([k, v]) => [limit(k, ASFF_LIMITS.productFieldKey), limit(v, ASFF_LIMITS.productFieldValue)]),
  );
}

/** One Vigil finding as an ASFF finding for BatchImportFindings (custom product integration). */
export function toAsff(finding: Finding, generatedAt: string): AwsSecurityFinding {
  const region = asffRegion(finding);
  const partition = partitionOf(finding);
  const account = finding.account;
  const observed = isoTime(finding.observedAt, generatedAt);
  const first = isoTime(finding.firstSeen, observed);
  const last = isoTime(finding.lastSeen, observed);
  const types = asffTypes(finding);
  // Security Hub reports passed controls as INFORMATIONAL; the check's own severity stays in Original.
  const label = finding.status === 'PASS' ? 'INFORMATIONAL' : finding.severity;
  const url = (finding.references ?? []).find((r) => /^https:\/\//.test(r));
  const requirements = requirementsOf(finding.compliance);
  const standards = Object.keys(finding.compliance ?? {}).flatMap((fw) => {
    const id = standardOf(fw).standardsId;
    return id ? [{ StandardsId: id }] : [];
  });
  const fsbpControl = finding.compliance?.['aws-fsbp']?.[0];
  const resource: Resource = {
    Type: asffResourceType(finding.resource.type),
    Id: limit(finding.resource.id, ASFF_LIMITS.id),
    Partition: partition as Resource['Partition'],
    Region: region,
    ...(finding.resource.tags && Object.keys(finding.resource.tags).length > 0 ? { Tags: finding.resource.tags } : {}),
    ...(asffResourceType(finding.resource.type) === 'Other'
      ? { Details: { Other: { CloudFormationType: limit(finding.resource.type, 1023), ...(finding.resource.name ? { Name: limit(finding.resource.name, 1023) } : {}) } } }
      : {}),
  };
  return {
    SchemaVersion: '2018-10-08',
    Id: limit(finding.id, ASFF_LIMITS.id),
    ProductArn: `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`,
    ProductName: PRODUCT.name,
    CompanyName: PRODUCT.vendor,
    Region: region,
    GeneratorId: limit(finding.evidence?.ruleId ?? finding.type, ASFF_LIMITS.generatorId),
    AwsAccountId: account,
    Types: types,
    FirstObservedAt: first,
    LastObservedAt: last,
    CreatedAt: first,
    UpdatedAt: observed,
    Severity: { Label: label, Original: finding.severity },
    Title: limit(nonBlank(finding.title, finding.type), ASFF_LIMITS.title),
    Description: limit(nonBlank(finding.description, nonBlank(finding.title, finding.type)), ASFF_LIMITS.description),
    ...(finding.remediation || url
      ? { Remediation: { Recommendation: { ...(finding.remediation ? { Text: limit(finding.remediation, ASFF_LIMITS.recommendationText) } : {}), ...(url ? { Url: url } : {}) } } }
      : {}),
    ...(url ? { SourceUrl: url } : {}),
    ProductFields: productFields(finding),
    Resources: [resource],
    ...(finding.status || requirements.length > 0
      ? {
          Compliance: {
            Status: finding.status ? COMPLIANCE_STATUS[finding.status] : 'FAILED',
            ...(requirements.length > 0 ? { RelatedRequirements: requirements.slice(0, ASFF_LIMITS.relatedRequirements) } : {}),
            ...(fsbpControl ? { SecurityControlId: fsbpControl } : {}),
            ...(standards.length > 0 ? { AssociatedStandards: standards } : {}),
          },
        }
      : {}),
    Workflow: { Status: workflowStatus(finding) },
    RecordState: 'ACTIVE',
    ...(finding.suppression
      ? { Note: { Text: limit(nonBlank(finding.suppression.reason, 'suppressed'), ASFF_LIMITS.noteText), UpdatedBy: PRODUCT.name, UpdatedAt: observed } }
      : {}),
    FindingProviderFields: { Severity: { Label: label, Original: finding.severity }, Types: types },
  };
}

/**
 * `--format asff`: `{"Findings": [...]}`, the request body BatchImportFindings takes (it accepts
 * at most 100 findings a call; split larger files). A finding without a 12-digit account id
 * (a policy file validated offline) cannot be an ASFF finding: it is left out and reported
 * through `warn`, never sent with a made-up account.
 */
export function buildAsff(report: Report, warn?: (message: string) => void): { Findings: AwsSecurityFinding[] } {
  const findings = sortFindings(report.findings);
  const importable = findings.filter((f) => /^\d{12}$/.test(f.account));
  const skipped = findings.length - importable.length;
  if (skipped > 0) warn?.(`asff: left out ${skipped} finding(s) without a 12-digit AWS account id (ASFF requires AwsAccountId)`);
  return { Findings: importable.map((f) => toAsff(f, report.generatedAt)) };
}

export function renderAsff(report: Report, options?: { warn?: (message: string) => void }): string {
  return joinChunks(asffChunks(report, options));
}

export function asffChunks(report: Report, options?: { warn?: (message: string) => void }): Iterable<string> {
  const slot = itemsSlot();
  return prettyJsonChunks({ Findings: slot.token }, slot, buildAsff(report, options?.warn).Findings);
}
