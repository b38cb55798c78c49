import type { LogEvent } from '../../logs/types.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from '../event.ts';
import type { Detector, DetectorContext } from '../types.ts';
import { Buckets, type BucketState } from './buckets.ts';
import { key, unkey, windowHit } from './window-hit.ts';

/**
 * Mass S3 reads and deletes from S3 data events, per principal and bucket in one-hour
 * windows. A window fires when it passes the threshold and, where the principal has at
 * least a day of other hours in the input, also ten times its median hour (its baseline).
 */
const WINDOW_MS = 60 * 60_000;

export class S3Mass implements Detector {
  readonly id = 's3-mass';
  readonly kinds = ['cloudtrail'] as const;
  readonly eventSources = ['s3.amazonaws.com'];
  // Object keys are only shown as a sample of ten.
  private readonly reads = new Buckets(WINDOW_MS, { maxDistinct: 10 });
  private readonly deletes = new Buckets(WINDOW_MS, { maxDistinct: 10 });
  private last: { account: string; actor: string; bucket: string; key: string } | undefined;

  observe(event: LogEvent): void {
    if (event.kind !== 'cloudtrail') return;
    const r = event.record;
    if (r.eventSource !== 's3.amazonaws.com') return;
    const name = r.eventName;
    const isRead = name === 'GetObject';
    const isDelete = name === 'DeleteObject' || name === 'DeleteObjects';
    if (!isRead && !isDelete) return;
    const params = (r.requestParameters ?? {}) as Record<string, unknown>;
    const bucket = String(params.bucketName ?? 'unknown');
    const k = this.seriesKey(accountOf(r), actorOf(r), bucket);
    const objectKey = typeof params.key === 'string' ? params.key : undefined;
    (isRead ? this.reads : this.deletes).add(k, timeOf(r), eventIdOf(r, event.ref), objectKey, { region: regionOf(r), ip: r.sourceIPAddress });
  }

  /** The bucket key of (account, actor, bucket); the same string object for a run of reads, so its hash is computed once. */
  private seriesKey(account: string, actor: string, bucket: string): string {
    const last = this.last;
    if (last !== undefined && last.account === account && last.actor === actor && last.bucket === bucket) return last.key;
    const made = key(account, actor, bucket);
    this.last = { account, actor, bucket, key: made };
    return made;
  }

  state(): unknown {
    return { reads: this.reads.state(), deletes: this.deletes.state() };
  }

  merge(state: unknown): void {
    const s = state as { reads: BucketState; deletes: BucketState };
    this.reads.merge(s.reads);
    this.deletes.merge(s.deletes);
  }

  finish(ctx: DetectorContext): void {
    this.decide(ctx, this.reads, 'Exfiltration:S3/AnomalousBehavior', ctx.threshold('s3MassRead', 500));
    this.decide(ctx, this.deletes, 'Impact:S3/AnomalousBehavior.Delete', ctx.threshold('s3MassDelete', 100));
  }

  private decide(ctx: DetectorContext, buckets: Buckets, type: string, threshold: number): void {
    for (const [k, cells] of buckets.entries()) {
      const counts = [...cells.map(([, c]) => c.count), ...buckets.foldedCounts(k)].sort((a, b) => a - b);
      const median = counts.length >= 24 ? counts[Math.floor(counts.length / 2)]! : 0;
      const [account, actor, bucket] = unkey(k);
      for (const [, cell] of cells) {
        if (cell.count < threshold || (median > 0 && cell.count < 10 * median)) continue;
        ctx.emit(
          windowHit(cell, {
            type, account: account!, region: cell.meta.region ?? 'us-east-1', actor: actor!,
            resource: { type: 'AWS::S3::Bucket', id: `arn:aws:s3:::${bucket}`, name: bucket },
            details: { objectsInHour: cell.count, baselineMedianPerHour: median || undefined, sourceIPAddress: cell.meta.ip, sampleKeys: cell.distinct.slice(0, 10) },
          }),
        );
      }
    }
  }
}
