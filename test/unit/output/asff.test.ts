/**
 * ASFF: findings are typed as the SDK's AwsSecurityFinding at compile time; at run time they
 * are checked against the BatchImportFindings rules in the Security Hub API reference
 * (required attributes, `.*\S.*` patterns, length limits, enumerations, type taxonomy).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AwsSecurityFinding, BatchImportFindingsRequest } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS, asffResourceType, buildAsff, renderAsff, toAsff } from '../../../src/output/asff.ts';
import { ALL, GUARDDUTY_ON, PUBLIC_BUCKET, ROOT_KEY, TRAIL_STOPPED, TRAIL_UNKNOWN, sampleReport } from './fixtures/findings.ts';

const REQUIRED = ['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'Resources'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const NAMESPACES: Record<string, string[]> = {
  'Software and Configuration Checks': ['Vulnerabilities', 'AWS Security Best Practices', 'Industry and Regulatory Standards'],
  TTPs: ['Initial Access', 'Execution', 'Persistence', 'Privilege Escalation', 'Defense Evasion', 'Credential Access', 'Discovery', 'Lateral Movement', 'Collection', 'Command and Control'],
  Effects: ['Data Exposure', 'Data Exfiltration', 'Data Destruction', 'Denial of Service', 'Resource Consumption'],
  'Unusual Behaviors': ['Application', 'Network Flow', 'IP address', 'User', 'VM', 'Container', 'Serverless', 'Process', 'Database', 'Data'],
  'Sensitive Data Identifications': ['PII', 'Passwords', 'Legal', 'Financial', 'Security', 'Business'],
};

function assertValid(finding: AwsSecurityFinding): void {
  for (const key of REQUIRED) assert.ok(finding[key] !== undefined, `${key} is required`);
  for (const key of ['Id', 'GeneratorId', 'Title', 'Description', 'AwsAccountId', 'ProductArn'] as const) assert.match(finding[key]!, /\S/, key);
  assert.equal(finding.SchemaVersion, '2018-10-08');
  assert.match(finding.AwsAccountId!, /^\d{12}$/);
  assert.equal(finding.ProductArn, `arn:aws:securityhub:${finding.Region}:${finding.AwsAccountId}:product/${finding.AwsAccountId}/default`);
  assert.ok(finding.Id!.length <= ASFF_LIMITS.id && finding.GeneratorId!.length <= ASFF_LIMITS.generatorId);
  assert.ok(finding.Title!.length <= 256, 'Title ≤ 256');
  assert.ok(finding.Description!.length <= 1024, 'Description ≤ 1024');
  for (const key of ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt'] as const) assert.match(finding[key]!, ISO, key);
  assert.ok(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(finding.Severity!.Label!));
  assert.ok(finding.Types!.length >= 1 && finding.Types!.length <= 50);
  for (const type of finding.Types!) {
    const [namespace, category, classifier, ...rest] = type.split('/');
    assert.ok(NAMESPACES[namespace!], `namespace of ${type}`);
    if (category) assert.ok(NAMESPACES[namespace!]!.includes(category), `category of ${type}`);
    if (classifier !== undefined) assert.match(classifier, /\S/);
    assert.equal(rest.length, 0, type);
  }
  assert.ok(finding.Resources!.length >= 1 && finding.Resources!.length <= 32);
  for (const r of finding.Resources!) {
    assert.match(r.Type!, /^(Aws[A-Za-z0-9]+|Other)$/);
    assert.match(r.Id!, /\S/);
    assert.ok(['aws', 'aws-cn', 'aws-us-gov'].includes(r.Partition!));
  }
  if (finding.Remediation?.Recommendation?.Text) assert.ok(finding.Remediation.Recommendation.Text.length <= 512);
  if (finding.Compliance) {
    assert.ok(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'].includes(finding.Compliance.Status!));
    assert.ok((finding.Compliance.RelatedRequirements ?? []).length <= 32);
  }
  assert.ok(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'].includes(finding.Workflow!.Status!));
  assert.ok(['ACTIVE', 'ARCHIVED'].includes(finding.RecordState!));
  const fields = Object.entries(finding.ProductFields ?? {});
  assert.ok(fields.length <= 50);
  for (const [k, v] of fields) assert.ok(k.length <= 128 && v.length <= 2048);
}

test('the output is a BatchImportFindings body and every finding is valid', () => {
  const body: BatchImportFindingsRequest = JSON.parse(renderAsff(sampleReport()));
  assert.deepEqual(Object.keys(body), ['Findings']);
  assert.equal(body.Findings!.length, ALL.length);
  body.Findings!.forEach(assertValid);
});

test('posture: CIS type, compliance status and requirements, remediation, global → home region', () => {
  const f = toAsff(ROOT_KEY, '2026-11-24T00:00:00.000Z');
  assert.ok(f.Types!.includes('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'));
  assert.equal(f.Compliance!.Status, 'FAILED');
  assert.deepEqual(f.Compliance!.RelatedRequirements!.slice(0, 2), ['CIS AWS Foundations Benchmark v5.0.0/1.3', 'AWS Foundational Security Best Practices v1.0.0/IAM.4']);
  assert.equal(f.Compliance!.SecurityControlId, 'IAM.4');
  assert.equal(f.Region, 'us-east-1');
  assert.deepEqual(f.Resources![0], { Type: 'AwsAccount', Id: ROOT_KEY.resource.id, Partition: 'aws', Region: 'us-east-1' });
  assert.deepEqual(f.Remediation!.Recommendation, { Text: ROOT_KEY.remediation, Url: ROOT_KEY.references![0] });
  assert.deepEqual(f.Severity, { Label: 'CRITICAL', Original: 'CRITICAL' });
  assert.equal(f.Workflow!.Status, 'NEW');
});

test('statuses map to Compliance.Status and Workflow', () => {
  const at = '2026-11-24T00:00:00.000Z';
  assert.equal(toAsff(GUARDDUTY_ON, at).Compliance!.Status, 'PASSED');
  assert.equal(toAsff(GUARDDUTY_ON, at).Workflow!.Status, 'RESOLVED');
  assert.equal(toAsff(GUARDDUTY_ON, at).Severity!.Label, 'INFORMATIONAL');
  assert.equal(toAsff(TRAIL_UNKNOWN, at).Compliance!.Status, 'NOT_AVAILABLE');
  const suppressed = toAsff({ ...ROOT_KEY, status: 'SUPPRESSED', suppression: { reason: 'accepted risk' } }, at);
  assert.equal(suppressed.Workflow!.Status, 'SUPPRESSED');
  assert.equal(suppressed.Note!.Text, 'accepted risk');
});

test('detections: GuardDuty type → TTPs namespace, observed times, no Compliance', () => {
  const f = toAsff(TRAIL_STOPPED, '2026-11-24T00:00:00.000Z');
  assert.deepEqual(f.Types, ['TTPs/Defense Evasion/Stealth:IAMUser-CloudTrailLoggingDisabled']);
  assert.equal(f.FirstObservedAt, '2026-11-20T10:00:00.000Z');
  assert.equal(f.LastObservedAt, '2026-11-20T10:05:00.000Z');
  assert.equal(f.Compliance, undefined);
  assert.equal(f.GeneratorId, 'builtin/cloudtrail-stopped');
  assert.equal(f.ProductFields!['vigil/Techniques'], 'T1562.008');
  assertValid(f);
});

test('over-long text is cut to the limits and blank text is replaced', () => {
  const long = { ...PUBLIC_BUCKET, title: 'T'.repeat(400), description: ' ', remediation: 'R'.repeat(900), evidence: { events: Array.from({ length: 500 }, (_, i) => `event-${i}`) } };
  const f = buildAsff(sampleReport([long])).Findings[0]!;
  assert.equal(f.Title!.length, 256);
  assert.equal(f.Description, 'T'.repeat(400), 'a blank description falls back to the title');
  assert.equal(f.Remediation!.Recommendation!.Text!.length, 512);
  assertValid(f);
});

test('CloudFormation types map to ASFF resource types, unknown ones to Other', () => {
  assert.equal(asffResourceType('AWS::S3::Bucket'), 'AwsS3Bucket');
  assert.equal(asffResourceType('AWS::IAM::User'), 'AwsIamUser');
  assert.equal(asffResourceType('AWS::EC2::SecurityGroup'), 'AwsEc2SecurityGroup');
  assert.equal(asffResourceType('AWS::Logs::LogGroup'), 'Other');
  const other = toAsff({ ...TRAIL_UNKNOWN, resource: { type: 'AWS::Logs::LogGroup', id: 'arn:aws-us-gov:logs:us-gov-west-1:444455556666:log-group:x' }, region: 'us-gov-west-1' }, '2026-11-24T00:00:00Z');
  assert.equal(other.Resources![0]!.Partition, 'aws-us-gov');
  assert.equal(other.ProductArn, 'arn:aws-us-gov:securityhub:us-gov-west-1:444455556666:product/444455556666/default');
  assert.deepEqual(other.Resources![0]!.Details, { Other: { CloudFormationType: 'AWS::Logs::LogGroup' } });
});

test('a finding without an account id is left out with a warning, never given a made-up account', () => {
  const warnings: string[] = [];
  const local = { ...TRAIL_STOPPED, id: 'local', account: '' };
  const body = buildAsff(sampleReport([ROOT_KEY, local]), (m) => warnings.push(m));
  assert.deepEqual(body.Findings.map((f) => f.Id), [ROOT_KEY.id]);
  assert.match(warnings.join(), /left out 1 finding/);
});

test('policy validation results are best-practice checks, not data exposure', () => {
  const check = { ...PUBLIC_BUCKET, source: 'access' as const, type: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', compliance: {}, evidence: { issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE' } };
  assert.deepEqual(toAsff(check, '2026-11-24T00:00:00Z').Types, ['Software and Configuration Checks/AWS Security Best Practices/PASS_ROLE_WITH_STAR_IN_RESOURCE']);
  const external = { ...PUBLIC_BUCKET, source: 'access' as const, type: 'external-access-s3-bucket', compliance: {} };
  assert.ok(toAsff(external, '2026-11-24T00:00:00Z').Types!.includes('Effects/Data Exposure/external-access-s3-bucket'));
});

test('sensitive-data findings use the Sensitive Data Identifications namespace', () => {
  const data = { ...PUBLIC_BUCKET, source: 'data' as const, type: 'SensitiveData:S3Object/Credentials', status: undefined, compliance: {} };
  assert.deepEqual(toAsff(data, '2026-11-24T00:00:00Z').Types, ['Sensitive Data Identifications/Passwords/SensitiveData:S3Object-Credentials']);
});

test('cutting never splits an emoji into a lone surrogate', () => {
  const f = toAsff({ ...ROOT_KEY, title: `${'a'.repeat(254)}😀😀` }, '2026-11-24T00:00:00Z');
  assert.ok(f.Title!.length <= 256);
  assert.doesNotMatch(f.Title!, /[\ud800-\udbff](?![\udc00-\udfff])/);
});
