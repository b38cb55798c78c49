import type { Evidence, ResourceRef } from '../../../../core/finding.ts';
import type { CallResult } from '../../../../inventory/snapshot.ts';
import { describeUnavailable, type RegionalList, type ResourceAnswer } from '../../../../inventory/views/regional-calls.ts';
import type { CheckContext, CheckResult, CheckStatus } from '../../../check.ts';

/**
 * Result building shared by the service checks (ec2, rds, lambda, …). It keeps three promises
 * in one place: every result names account and region; a list or per-resource call that gave
 * no data becomes ERROR naming the call (never PASS); evidence names the API call and field.
 * (A `_` folder: the check loader skips it, so these modules are never taken for checks.)
 */
export class Results {
  readonly list: CheckResult[] = [];

  constructor(
    readonly context: CheckContext,
    /** The CloudFormation type used when a whole list call failed (no resource to name). */
    private readonly resourceType: string,
  ) {}

  get accountId(): string {
    return this.context.account.id;
  }

  get partition(): string {
    return this.context.snapshot.partition;
  }

  add(status: CheckStatus, region: string, resource: ResourceRef, reason: string, evidence?: Evidence): void {
    this.list.push({ status, account: this.accountId, region, resource, reason, ...(evidence ? { evidence } : {}) });
  }

  pass(region: string, resource: ResourceRef, reason: string, evidence?: Evidence): void {
    this.add('PASS', region, resource, reason, evidence);
  }

  fail(region: string, resource: ResourceRef, reason: string, evidence?: Evidence): void {
    this.add('FAIL', region, resource, reason, evidence);
  }

  notApplicable(region: string, resource: ResourceRef, reason: string): void {
    this.add('NOT_APPLICABLE', region, resource, reason);
  }

  /** ERROR for a call that gave no data (failed, denied, or not in the snapshot). */
  unavailable(region: string, resource: ResourceRef, service: string, operation: string, result: CallResult<unknown>, key?: string): void {
    this.add('ERROR', region, resource, describeUnavailable(service, operation, result, key), { api: `${service}:${operation}` });
  }

  /** ERROR for a per-resource answer that gave no data. */
  unanswered(region: string, resource: ResourceRef, answer: ResourceAnswer<unknown>): void {
    this.unavailable(region, resource, answer.service, answer.operation, answer.result, answer.key || undefined);
  }

  /** The account-level resource used when a region-wide call fails. */
  regionResource(region: string): ResourceRef {
    return { type: this.resourceType, id: `${this.accountId}:${region}` };
  }

  /**
   * Walks regional lists: a region whose list call gave no data yields one ERROR; the items of
   * the others are handed to `visit`.
   */
  each<T>(lists: Array<RegionalList<T>>, visit: (item: T, region: string) => void): void {
    for (const list of lists) {
      if (list.result.kind !== 'data') {
        this.unavailable(list.region, this.regionResource(list.region), list.service, list.operation, list.result);
        continue;
      }
      for (const item of list.items) visit(item, list.region);
    }
  }
}

/** Parameter helpers: AWS Config passes every parameter as a string; vigil.yaml may give numbers. */
export function intParam(parameters: Record<string, unknown>, name: string): number | undefined {
  const value = parameters[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(number) ? Math.trunc(number) : undefined;
}

export function boolParam(parameters: Record<string, unknown>, name: string): boolean | undefined {
  const value = parameters[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return String(value).trim().toLowerCase() === 'true';
}

export function stringParam(parameters: Record<string, unknown>, name: string): string | undefined {
  const value = parameters[name];
  if (value === undefined || value === null) return undefined;
  const text = Array.isArray(value) ? value.join(',') : String(value).trim();
  return text === '' ? undefined : text;
}

/** A CSV parameter (`"nodejs20.x,python3.12"`) or a YAML list. */
export function listParam(parameters: Record<string, unknown>, name: string): string[] | undefined {
  const value = parameters[name];
  if (value === undefined || value === null) return undefined;
  const items = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** Days between two instants (fractional). */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 86_400_000;
}

export function toDate(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
