import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type FailedCall, type Got } from './account.ts';

/**
 * CloudTrail trails. DescribeTrails is recorded per region with shadow trails included, so a
 * multi-region or organization trail appears in every region it covers; `trails()` merges
 * them by ARN. Status and selectors are per trail ARN, looked up in the trail's home region
 * first, then wherever they were recorded.
 */

export interface Trail {
  Name?: string;
  TrailARN?: string;
  HomeRegion?: string;
  IsMultiRegionTrail?: boolean;
  IsOrganizationTrail?: boolean;
  LogFileValidationEnabled?: boolean;
  KmsKeyId?: string;
  S3BucketName?: string;
  S3KeyPrefix?: string;
  CloudWatchLogsLogGroupArn?: string;
  CloudWatchLogsRoleArn?: string;
  IncludeGlobalServiceEvents?: boolean;
  HasCustomEventSelectors?: boolean;
  HasInsightSelectors?: boolean;
}

export interface EventSelector {
  ReadWriteType?: string;
  IncludeManagementEvents?: boolean;
  DataResources?: Array<{ Type?: string; Values?: string[] }>;
  ExcludeManagementEventSources?: string[];
}

export interface FieldSelector {
  Field?: string;
  Equals?: string[];
  StartsWith?: string[];
  EndsWith?: string[];
  NotEquals?: string[];
  NotStartsWith?: string[];
  NotEndsWith?: string[];
}

export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors?: FieldSelector[];
}

export interface Selectors {
  eventSelectors: EventSelector[];
  advancedEventSelectors: AdvancedEventSelector[];
}

export interface TrailStatus {
  IsLogging?: boolean;
  LatestDeliveryError?: string;
  LatestDeliveryTime?: string;
}

export interface CloudTrailView {
  /** Trails recorded in one region (own and shadow). */
  trailsIn(region: string): Got<Trail[]>;
  /** Every trail seen in any region, merged by ARN; the failures of regions that could not be read. */
  trails(regions: string[]): { trails: Trail[]; failures: FailedCall[] };
  status(trail: Trail, regions: string[]): Got<TrailStatus>;
  selectors(trail: Trail, regions: string[]): Got<Selectors>;
}

export const cloudtrailView = memoView((snapshot: Snapshot, accountId: string): CloudTrailView => {
  const perTrail = <T, R>(operation: string, trail: Trail, regions: string[], map: (data: T) => R): Got<R> => {
    const arn = trail.TrailARN ?? trail.Name ?? '';
    const order = [...new Set([trail.HomeRegion, ...regions].filter((r): r is string => Boolean(r)))];
    let first: Got<R> | undefined;
    for (const region of order) {
      const result = got('cloudtrail', operation, region, snapshot.resourceCall<T>(accountId, 'cloudtrail', operation, region, arn), map);
      if (result.ok) return result;
      if (!first || (first.ok === false && first.failed.call.kind === 'missing')) first = result;
    }
    return first ?? { ok: false, failed: { service: 'cloudtrail', operation, region: trail.HomeRegion ?? regions[0] ?? 'us-east-1', call: { kind: 'missing' } } };
  };
  return {
    trailsIn: (region) => got('cloudtrail', 'DescribeTrails', region, snapshot.call<{ trailList?: Trail[] }>(accountId, 'cloudtrail', 'DescribeTrails', region), (data) => data.trailList ?? []),
    trails(regions) {
      const byArn = new Map<string, Trail>();
      const failures: FailedCall[] = [];
      for (const region of regions) {
        const result = this.trailsIn(region);
        if (!result.ok) {
          failures.push(result.failed);
          continue;
        }
        for (const trail of result.value) {
          const key = trail.TrailARN ?? `${region}/${trail.Name}`;
          if (!byArn.has(key)) byArn.set(key, trail);
        }
      }
      return { trails: [...byArn.values()], failures };
    },
    status: (trail, regions) => perTrail<TrailStatus, TrailStatus>('GetTrailStatus', trail, regions, (data) => data),
    selectors: (trail, regions) =>
      perTrail<{ EventSelectors?: EventSelector[]; AdvancedEventSelectors?: AdvancedEventSelector[] }, Selectors>('GetEventSelectors', trail, regions, (data) => ({
        eventSelectors: data.EventSelectors ?? [],
        advancedEventSelectors: data.AdvancedEventSelectors ?? [],
      })),
  };
});

/** Does the trail record every read and write management event? */
export function logsAllManagementEvents(trail: Trail, selectors: Selectors): boolean {
  if (selectors.advancedEventSelectors.length > 0) {
    return selectors.advancedEventSelectors.some((selector) => {
      const fields = selector.FieldSelectors ?? [];
      const category = fields.find((f) => f.Field === 'eventCategory');
      if (!category?.Equals?.includes('Management')) return false;
      // A readOnly selector narrows to reads or writes only; an eventSource exclusion drops events.
      return !fields.some((f) => f.Field === 'readOnly' || (f.Field === 'eventSource' && (f.NotEquals?.length || f.Equals?.length)));
    });
  }
  if (selectors.eventSelectors.length === 0) return trail.HasCustomEventSelectors !== true;
  return selectors.eventSelectors.some((s) => s.IncludeManagementEvents !== false && (s.ReadWriteType ?? 'All') === 'All' && !(s.ExcludeManagementEventSources ?? []).length);
}

/** Does the trail record S3 object-level events of this kind for the bucket (or all buckets when bucket is undefined)? */
export function logsS3DataEvents(selectors: Selectors, kind: 'read' | 'write', bucket: string | undefined, partition = 'aws'): boolean {
  const allBuckets = (value: string) => value === `arn:${partition}:s3` || value === `arn:${partition}:s3:::` || value === 'arn:aws:s3' || value === 'arn:aws:s3:::';
  const coversBucket = (value: string) => allBuckets(value) || (bucket !== undefined && value === `arn:${partition}:s3:::${bucket}/`);
  if (selectors.advancedEventSelectors.length > 0) {
    return selectors.advancedEventSelectors.some((selector) => {
      const fields = selector.FieldSelectors ?? [];
      const get = (name: string) => fields.find((f) => f.Field === name);
      if (!get('eventCategory')?.Equals?.includes('Data')) return false;
      if (!get('resources.type')?.Equals?.includes('AWS::S3::Object')) return false;
      const readOnly = get('readOnly');
      if (readOnly?.Equals?.length) {
        const wanted = kind === 'read' ? 'true' : 'false';
        if (!readOnly.Equals.includes(wanted)) return false;
      }
      if (fields.some((f) => f.Field === 'eventName' || f.Field === 'eventSource')) return false;
      const arn = get('resources.ARN');
      if (!arn) return true;
      if (arn.NotStartsWith?.length || arn.NotEquals?.length || arn.NotEndsWith?.length) return false;
      return (arn.StartsWith ?? []).some((prefix) => allBuckets(prefix) || (bucket !== undefined && `arn:${partition}:s3:::${bucket}/`.startsWith(prefix)));
    });
  }
  return selectors.eventSelectors.some((s) => {
    const rw = s.ReadWriteType ?? 'All';
    if (!(rw === 'All' || (kind === 'read' ? rw === 'ReadOnly' : rw === 'WriteOnly'))) return false;
    return (s.DataResources ?? []).some((resource) => resource.Type === 'AWS::S3::Object' && (resource.Values ?? []).some(coversBucket));
  });
}
