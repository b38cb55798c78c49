import type { Evidence, ResourceRef } from '../../core/finding.ts';
import type { Trail } from '../../inventory/views/cloudtrail.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { bucketOwner } from './org.ts';
import { GLOBAL, accountResource, fail, failedResult, result } from './result.ts';
import { trailFacts, trailResource } from './trails.ts';

export interface TrailBucket {
  trail: Trail;
  resource: ResourceRef;
  bucket: string;
  /** The snapshot account that owns the bucket (a log-archive account, often). */
  owner: string;
  evidence: Evidence;
}

/**
 * One result per trail about the bucket it delivers to, wherever in the snapshot that bucket
 * lives. Shared by the checks on the CloudTrail bucket: trails unreadable → ERROR, no trail →
 * FAIL, a bucket no snapshot account owns → ERROR (its settings are unknown, never a pass).
 */
export function perTrailBucket(
  ctx: CheckContext,
  calls: { api: string; field: string },
  unknownSetting: string,
  judge: (target: TrailBucket) => CheckResult,
): CheckResult[] {
  const { facts, failures } = trailFacts(ctx);
  if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
  if (facts.length === 0) return [fail(ctx, GLOBAL, accountResource(ctx), 'the account has no CloudTrail trail (cloudtrail:DescribeTrails)', { api: 'cloudtrail:DescribeTrails', field: 'trailList' })];
  return facts.map(({ trail }) => {
    const resource = trailResource(ctx, trail);
    const bucket = trail.S3BucketName ?? '';
    const owner = bucketOwner(ctx, bucket);
    const evidence = { ...calls, bucket, bucketAccount: owner ?? null };
    if (!owner) return result(ctx, 'ERROR', GLOBAL, resource, `trail ${trail.Name} delivers to bucket ${bucket}, which no account in the snapshot owns: ${unknownSetting}`, evidence);
    return judge({ trail, resource, bucket, owner, evidence });
  });
}
