import { defineCheck } from '../../check.ts';
import { bucketOwner } from '../../lib/org.ts';
import { isFailed, publicAccess } from '../../lib/s3.ts';
import { trailFacts } from '../../lib/trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass, result } from '../../lib/result.ts';

/**
 * Baseline: CloudTrail is multi-region, validated, encrypted and delivers to a bucket in another
 * (log-archive) account that is not public, so that an intruder in this account cannot erase
 * the record of what they did.
 */
export default defineCheck({
  title: 'CloudTrail logs go to a non-public bucket in a separate log-archive account',
  severity: 'HIGH',
  resourceType: 'AWS::::Account',
  description: 'Passes when a logging multi-region trail with log file validation and KMS encryption delivers to an S3 bucket owned by another account, and that bucket is not public.',
  risk: 'Logs kept in the same account can be deleted by whoever compromises the account, destroying the evidence.',
  remediation: {
    text: 'Deliver an organization (or account) trail to a bucket in a dedicated log-archive account with Block Public Access, validation and SSE-KMS.',
    console: 'CloudTrail (management account) → Create trail → Enable for all accounts in my organization → S3 bucket in the log-archive account.',
    cli: 'aws cloudtrail create-trail --name org-trail --is-organization-trail --is-multi-region-trail --s3-bucket-name <log-archive-bucket> --enable-log-file-validation --kms-key-id <key>',
    terraform: 'resource "aws_cloudtrail" "org" {\n  name                       = "org-trail"\n  is_organization_trail      = true\n  is_multi_region_trail      = true\n  s3_bucket_name             = "<log-archive-bucket>"\n  enable_log_file_validation = true\n  kms_key_id                 = "<key-arn>"\n}',
  },
  references: ['https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/log-archive.html', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html'],
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const { facts, failures } = trailFacts(ctx);
    if (failures.length > 0) return [failedResult(ctx, failures[0]!, resource)];
    const problems: string[] = [];
    let unknown: string | undefined;
    for (const { trail, status, failed } of facts) {
      if (!trail.IsMultiRegionTrail) continue;
      if (!status) return [failedResult(ctx, failed[0]!, resource)];
      const missing = [!status.IsLogging && 'not logging', !trail.LogFileValidationEnabled && 'no log file validation', !trail.KmsKeyId && 'no KMS encryption'].filter(Boolean);
      if (missing.length > 0) { problems.push(`${trail.Name}: ${missing.join(', ')}`); continue; }
      const bucket = trail.S3BucketName ?? '';
      const owner = bucketOwner(ctx, bucket);
      if (owner === ctx.account.id) { problems.push(`${trail.Name} delivers to ${bucket} in this same account`); continue; }
      if (!owner) { unknown = `${trail.Name} delivers to ${bucket} in another account that is not in the snapshot, so whether it is public is unknown`; continue; }
      const reasons: string[] = [];
      for (const kind of ['read', 'write'] as const) {
        const verdict = publicAccess(ctx, bucket, kind, owner);
        if (isFailed(verdict)) return [failedResult(ctx, verdict, resource)];
        reasons.push(...verdict.reasons);
      }
      if (reasons.length > 0) { problems.push(`${trail.Name}'s bucket ${bucket} is public: ${reasons.join('; ')}`); continue; }
      return [pass(ctx, GLOBAL, resource, `trail ${trail.Name} is multi-region, validated, KMS-encrypted and delivers to non-public bucket ${bucket} in account ${owner}`, { api: 'cloudtrail:DescribeTrails', field: 'S3BucketName', bucketAccount: owner })];
    }
    if (unknown && problems.length === 0) return [result(ctx, 'ERROR', GLOBAL, resource, unknown, { api: 's3:ListBuckets', field: 'Buckets' })];
    return [fail(ctx, GLOBAL, resource, problems.length > 0 ? problems.join('; ') : 'no multi-region trail (cloudtrail:DescribeTrails)', { api: 'cloudtrail:DescribeTrails', field: 'trailList' })];
  },
});
