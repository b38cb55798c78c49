import type { Snapshot } from '../../inventory/snapshot.ts';
import { decodePolicyDocument } from '../policy/model.ts';

/**
 * Every policy document a snapshot holds, read from the raw API responses (Contract 3):
 * IAM (GetAccountAuthorizationDetails), resource policies (S3, KMS, SQS, SNS, Lambda, Secrets
 * Manager, ECR, OpenSearch) and organization policies (SCPs, RCPs).
 */

export type DocumentKind = 'identity' | 'trust' | 'resource' | 'scp' | 'rcp';

export interface PolicyDocumentRef {
  account: string;
  region: string;
  kind: DocumentKind;
  /** CloudFormation type of what the policy is attached to (AWS::S3::Bucket, AWS::IAM::Role…). */
  resourceType: string;
  /** ARN (or name) of the resource or policy. */
  resourceId: string;
  /** Name for people. */
  name: string;
  document: string;
  /** The API call and field the document came from. */
  api: string;
}

type Rec = Record<string, any>;

function forEachResource(snapshot: Snapshot, account: string, service: string, operation: string, visit: (region: string, key: string, data: Rec) => void): void {
  for (const region of snapshot.regionsOf(account, service, operation)) {
    const entry = snapshot.entry(account, service, operation, region);
    if (!entry || !('resources' in entry)) continue;
    for (const [key, value] of Object.entries(entry.resources)) {
      if ('data' in value && value.data) visit(region, key, value.data as Rec);
    }
  }
}

function forEachCall(snapshot: Snapshot, account: string, service: string, operation: string, visit: (region: string, data: Rec) => void): void {
  for (const region of snapshot.regionsOf(account, service, operation)) {
    const result = snapshot.call<Rec>(account, service, operation, region);
    if (result.kind === 'data' && result.data) visit(region, result.data);
  }
}

export function accountAuthorizationDetails(snapshot: Snapshot, account: string): Rec | undefined {
  let found: Rec | undefined;
  forEachCall(snapshot, account, 'iam', 'GetAccountAuthorizationDetails', (_r, data) => (found ??= data));
  return found;
}

export function collectPolicies(snapshot: Snapshot): PolicyDocumentRef[] {
  const out: PolicyDocumentRef[] = [];
  const partition = snapshot.partition;
  for (const { id: account } of snapshot.accounts) {
    const push = (ref: Omit<PolicyDocumentRef, 'account'>) => {
      if (typeof ref.document === 'string' && ref.document.trim()) out.push({ account, ...ref, document: decodePolicyDocument(ref.document) });
    };
    const details = accountAuthorizationDetails(snapshot, account);
    if (details) {
      for (const user of (details.UserDetailList ?? []) as Rec[])
        for (const p of (user.UserPolicyList ?? []) as Rec[])
          push({ region: 'global', kind: 'identity', resourceType: 'AWS::IAM::User', resourceId: user.Arn, name: `${user.UserName}/${p.PolicyName}`, document: p.PolicyDocument, api: 'iam.GetAccountAuthorizationDetails UserDetailList.UserPolicyList' });
      for (const group of (details.GroupDetailList ?? []) as Rec[])
        for (const p of (group.GroupPolicyList ?? []) as Rec[])
          push({ region: 'global', kind: 'identity', resourceType: 'AWS::IAM::Group', resourceId: group.Arn, name: `${group.GroupName}/${p.PolicyName}`, document: p.PolicyDocument, api: 'iam.GetAccountAuthorizationDetails GroupDetailList.GroupPolicyList' });
      for (const role of (details.RoleDetailList ?? []) as Rec[]) {
        push({ region: 'global', kind: 'trust', resourceType: 'AWS::IAM::Role', resourceId: role.Arn, name: `${role.RoleName} trust policy`, document: role.AssumeRolePolicyDocument, api: 'iam.GetAccountAuthorizationDetails RoleDetailList.AssumeRolePolicyDocument' });
        for (const p of (role.RolePolicyList ?? []) as Rec[])
          push({ region: 'global', kind: 'identity', resourceType: 'AWS::IAM::Role', resourceId: role.Arn, name: `${role.RoleName}/${p.PolicyName}`, document: p.PolicyDocument, api: 'iam.GetAccountAuthorizationDetails RoleDetailList.RolePolicyList' });
      }
      for (const policy of (details.Policies ?? []) as Rec[]) {
        if (String(policy.Arn ?? '').includes(':iam::aws:policy/')) continue; // AWS managed: not the account's to fix
        const version = ((policy.PolicyVersionList ?? []) as Rec[]).find((v) => v.IsDefaultVersion) ?? (policy.PolicyVersionList ?? [])[0];
        if (version) push({ region: 'global', kind: 'identity', resourceType: 'AWS::IAM::ManagedPolicy', resourceId: policy.Arn, name: policy.PolicyName, document: version.Document, api: 'iam.GetAccountAuthorizationDetails Policies.PolicyVersionList' });
      }
    }
    forEachResource(snapshot, account, 's3', 'GetBucketPolicy', (_r, bucket, data) =>
      push({ region: 'global', kind: 'resource', resourceType: 'AWS::S3::Bucket', resourceId: `arn:${partition}:s3:::${bucket}`, name: bucket, document: data.Policy, api: 's3.GetBucketPolicy Policy' }));
    forEachResource(snapshot, account, 'kms', 'GetKeyPolicy', (region, keyId, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::KMS::Key', resourceId: keyId.startsWith('arn:') ? keyId : `arn:${partition}:kms:${region}:${account}:key/${keyId}`, name: keyId, document: data.Policy, api: 'kms.GetKeyPolicy Policy' }));
    forEachResource(snapshot, account, 'sqs', 'GetQueueAttributes', (region, url, data) => {
      const name = url.split('/').pop() ?? url;
      push({ region, kind: 'resource', resourceType: 'AWS::SQS::Queue', resourceId: data.Attributes?.QueueArn ?? `arn:${partition}:sqs:${region}:${account}:${name}`, name, document: data.Attributes?.Policy, api: 'sqs.GetQueueAttributes Attributes.Policy' });
    });
    forEachResource(snapshot, account, 'sns', 'GetTopicAttributes', (region, arn, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::SNS::Topic', resourceId: data.Attributes?.TopicArn ?? arn, name: arn.split(':').pop() ?? arn, document: data.Attributes?.Policy, api: 'sns.GetTopicAttributes Attributes.Policy' }));
    forEachResource(snapshot, account, 'lambda', 'GetPolicy', (region, fn, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::Lambda::Function', resourceId: fn.startsWith('arn:') ? fn : `arn:${partition}:lambda:${region}:${account}:function:${fn}`, name: fn, document: data.Policy, api: 'lambda.GetPolicy Policy' }));
    forEachResource(snapshot, account, 'secrets-manager', 'GetResourcePolicy', (region, id, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::SecretsManager::Secret', resourceId: data.ARN ?? id, name: data.Name ?? id, document: data.ResourcePolicy, api: 'secrets-manager.GetResourcePolicy ResourcePolicy' }));
    forEachResource(snapshot, account, 'ecr', 'GetRepositoryPolicy', (region, repo, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::ECR::Repository', resourceId: `arn:${partition}:ecr:${region}:${data.registryId ?? account}:repository/${data.repositoryName ?? repo}`, name: data.repositoryName ?? repo, document: data.policyText, api: 'ecr.GetRepositoryPolicy policyText' }));
    forEachResource(snapshot, account, 'opensearch', 'DescribeDomain', (region, domain, data) =>
      push({ region, kind: 'resource', resourceType: 'AWS::OpenSearchService::Domain', resourceId: data.DomainStatus?.ARN ?? `arn:${partition}:es:${region}:${account}:domain/${domain}`, name: domain, document: data.DomainStatus?.AccessPolicies, api: 'opensearch.DescribeDomain DomainStatus.AccessPolicies' }));
    forEachResource(snapshot, account, 'organizations', 'DescribePolicy', (_r, id, data) => {
      const type = data.Policy?.PolicySummary?.Type;
      const kind: DocumentKind | undefined = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
      if (kind) push({ region: 'global', kind, resourceType: 'AWS::Organizations::Policy', resourceId: data.Policy?.PolicySummary?.Arn ?? id, name: data.Policy?.PolicySummary?.Name ?? id, document: data.Policy?.Content, api: 'organizations.DescribePolicy Policy.Content' });
    });
  }
  return out;
}
