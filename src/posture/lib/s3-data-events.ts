import { logsS3DataEvents } from '../../inventory/views/cloudtrail.ts';
import { s3View } from '../../inventory/views/s3.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { bucketResource, perBucket } from './s3.ts';
import { trailFacts } from './trails.ts';
import { GLOBAL, accountResource, fail, failedResult, pass } from './result.ts';

/**
 * CIS 3.8 / 3.9: for each bucket, a logging trail (multi-region, or homed in the bucket's
 * region) whose basic or advanced event selectors record S3 data events of this kind for all
 * buckets or for this bucket. The read and write checks differ only in the kind.
 */
export function s3DataEventResults(ctx: CheckContext, kind: 'read' | 'write'): CheckResult[] {
  const { facts, failures } = trailFacts(ctx);
  if (failures.length > 0) return [failedResult(ctx, failures[0]!, accountResource(ctx))];
  const s3 = s3View(ctx.snapshot, ctx.account.id);
  return perBucket(ctx, (bucket) => {
    const resource = bucketResource(ctx, bucket);
    const location = s3.location(bucket);
    const region = location.ok ? location.value : undefined;
    const candidates = facts.filter(({ trail }) => trail.IsMultiRegionTrail || (region !== undefined && trail.HomeRegion === region));
    const evidence = { api: 'cloudtrail:GetEventSelectors', field: 'EventSelectors[].DataResources,AdvancedEventSelectors' };
    for (const fact of candidates) {
      if (fact.status?.IsLogging && fact.selectors && logsS3DataEvents(fact.selectors, kind, bucket, ctx.snapshot.partition)) {
        return pass(ctx, GLOBAL, resource, `trail ${fact.trail.Name} records ${kind} data events for bucket ${bucket}`, evidence);
      }
    }
    const unknown = candidates.find((f) => !f.status || !f.selectors);
    if (unknown) return failedResult(ctx, unknown.failed[0]!, resource);
    return fail(ctx, GLOBAL, resource, `no logging trail records S3 ${kind} data events for bucket ${bucket} (cloudtrail:GetEventSelectors)`, evidence);
  });
}
