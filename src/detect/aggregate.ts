import type { ResourceRef } from '../core/finding.ts';
import { severityRank, type Severity } from '../core/severity.ts';
import type { Hit } from './types.ts';

/**
 * GuardDuty's aggregation: hits of the same type by the same actor on the same resource roll
 * into one group with a count, first and last seen, and the event ids behind it (the earliest
 * ones, capped, so the list is the same whatever order events arrive in).
 */

export const EVIDENCE_CAP = 25;

export interface Group {
  type: string;
  account: string;
  region: string;
  actor: string;
  resource: ResourceRef;
  count: number;
  first: number;
  last: number;
  /** [time, id] pairs, sorted, capped at EVIDENCE_CAP. */
  events: Array<[number, string]>;
  severity?: Severity;
  ruleId?: string;
  title?: string;
  techniques: string[];
  details: Record<string, unknown>;
  regions: string[];
}

export function groupKey(hit: Pick<Hit, 'type' | 'account' | 'actor' | 'resource'>): string {
  return `${hit.type}\u0000${hit.account}\u0000${hit.actor}\u0000${hit.resource.id}`;
}

export class Aggregator {
  readonly groups = new Map<string, Group>();

  add(hit: Hit): void {
    const key = groupKey(hit);
    const existing = this.groups.get(key);
    const incoming: Group = {
      type: hit.type,
      account: hit.account,
      region: hit.region,
      actor: hit.actor,
      resource: hit.resource,
      count: hit.count ?? 1,
      first: hit.time,
      last: Math.max(hit.time, hit.until ?? hit.time),
      events: hit.events && hit.events.length > 0 ? mergeEvents(hit.events, []) : [[hit.time, hit.eventId]],
      severity: hit.severity,
      ruleId: hit.ruleId,
      title: hit.title,
      techniques: hit.techniques ?? [],
      details: hit.details ?? {},
      regions: [hit.region],
    };
    if (existing) mergeGroup(existing, incoming);
    else this.groups.set(key, incoming);
  }

  /** Plain data, for the trip from a worker to the main thread. */
  state(): Group[] {
    return [...this.groups.values()];
  }

  merge(groups: Group[]): void {
    for (const group of groups) {
      const key = groupKey(group);
      const existing = this.groups.get(key);
      if (existing) mergeGroup(existing, group);
      else this.groups.set(key, { ...group, events: [...group.events], techniques: [...group.techniques], regions: [...group.regions] });
    }
  }
}

function mergeGroup(into: Group, from: Group): void {
  into.count += from.count;
  if (from.first < into.first) {
    into.first = from.first;
    // The region of the earliest event names the finding's region.
    into.region = from.region;
  }
  if (from.last > into.last) into.last = from.last;
  into.events = mergeEvents(into.events, from.events);
  if (from.severity && (!into.severity || severityRank(from.severity) > severityRank(into.severity))) into.severity = from.severity;
  into.ruleId ??= from.ruleId;
  into.title ??= from.title;
  for (const t of from.techniques) if (!into.techniques.includes(t)) into.techniques.push(t);
  for (const [k, v] of Object.entries(from.details)) if (!(k in into.details)) into.details[k] = v;
  for (const r of from.regions) if (!into.regions.includes(r) && into.regions.length < 32) into.regions.push(r);
}

function mergeEvents(a: Array<[number, string]>, b: Array<[number, string]>): Array<[number, string]> {
  const seen = new Set<string>();
  const all = [...a, ...b].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  const out: Array<[number, string]> = [];
  for (const item of all) {
    if (seen.has(item[1])) continue;
    seen.add(item[1]);
    out.push(item);
    if (out.length >= EVIDENCE_CAP) break;
  }
  return out;
}
