import picomatch from 'picomatch';
import type { CloudTrailEvent, LogEvent, LogStream } from '../logs/types.ts';
import { Aggregator, type Group } from './aggregate.ts';
import { accountOf, actorOf, eventIdOf, regionOf, timeOf } from './event.ts';
import { HeapGuard } from './heap-guard.ts';
import { Intel } from './intel/index.ts';
import { MANY, fieldGetter, singleGetter } from './sigma/selection.ts';
import type { SigmaRule } from './sigma/rule.ts';
import { scalarText } from './sigma/values.ts';
import type { DetectSettings, Detector, DetectorContext, Hit } from './types.ts';

/**
 * The detection engine of one thread: every event goes once through the Sigma rules (indexed
 * by eventName, so a rule only sees the events it could match) and the stateful detectors;
 * hits are aggregated as they come. Workers run one engine each on their files; the main
 * thread merges their state (`state()` / `merge()`) and calls `finish()` once.
 */

export interface AllowList {
  principals?: string[];
  ips?: string[];
  userAgents?: string[];
  /** Rule ids or finding types (globs allowed). */
  rules?: string[];
}

export interface EngineOptions {
  rules: SigmaRule[];
  detectors: Detector[];
  intel: Intel;
  settings: DetectSettings;
  allow?: AllowList;
}

export interface EngineState {
  groups: Group[];
  detectors: Record<string, unknown>;
  counts: Record<string, number>;
  allowed: number;
}

/** Fields rules are indexed by, in order of preference (the first a rule requires is used). */
const INDEXED_FIELDS = ['eventName', 'eventSource', 'userIdentity.type'];
const TEXT_CACHE_LIMIT = 4096;

interface RuleIndex {
  field: string;
  get: (record: unknown) => unknown[];
  /** The value without allocating, or MANY when the path crosses a list. */
  getOne: (record: unknown) => unknown;
  /** Lower-cased value → the rules that need it (Sigma compares case-insensitively). */
  byValue: Map<string, SigmaRule[]>;
  /** The value as events spell it → its rules (null: none), so lower-casing happens once per spelling. */
  byText: Map<string, SigmaRule[] | null>;
  /** The last value looked up and its rules (events come in runs). */
  lastText?: string;
  lastRules?: SigmaRule[] | null;
}

/** The rules an event's value of the index's field can match (values in a list each count). */
function rulesFor(index: RuleIndex, record: CloudTrailEvent): SigmaRule[] | null | undefined {
  const one = index.getOne(record);
  if (one !== MANY) return rulesForText(index, scalarText(one));
  const values = index.get(record);
  if (values.length === 0) return undefined;
  if (values.length === 1) return rulesForText(index, scalarText(values[0]));
  const out = new Set<SigmaRule>();
  for (const value of values) for (const rule of rulesForText(index, scalarText(value)) ?? []) out.add(rule);
  return [...out];
}

function rulesForText(index: RuleIndex, text: string | undefined): SigmaRule[] | null | undefined {
  if (text === undefined) return undefined;
  if (text === index.lastText) return index.lastRules;
  let rules = index.byText.get(text);
  if (rules === undefined) {
    rules = index.byValue.get(text.toLowerCase()) ?? null;
    if (index.byText.size >= TEXT_CACHE_LIMIT) index.byText.clear();
    index.byText.set(text, rules);
  }
  index.lastText = text;
  index.lastRules = rules;
  return rules;
}

export class Engine {
  private readonly aggregator = new Aggregator();
  /** Rules by a field every match needs (eventName, else eventSource, else userIdentity.type) and its lower-cased value. */
  private readonly indexes: RuleIndex[] = INDEXED_FIELDS.map((field) => ({ field, get: fieldGetter(field), getOne: singleGetter(field), byValue: new Map(), byText: new Map() }));
  private readonly unindexed: SigmaRule[] = [];
  /** The detectors that read each kind of event. */
  private readonly byKind: Record<LogEvent['kind'], Detector[]>;
  /**
   * The CloudTrail detectors for each event source some detector names, in the detectors'
   * order; a source none names gets those that read every event (byKind.cloudtrail holds
   * all of them). Most detectors read one or two services: calling each of them with every
   * event only to return cost a megamorphic call apiece.
   */
  private readonly cloudTrailBySource = new Map<string, Detector[]>();
  private readonly cloudTrailAnySource: Detector[];
  private readonly resourceGetters = new Map<SigmaRule, Array<(r: unknown) => unknown[]>>();
  private readonly isAllowedPrincipal: (s: string) => boolean;
  private readonly isAllowedIp: (s: string) => boolean;
  private readonly isAllowedAgent: (s: string) => boolean;
  private readonly isAllowedRule: (s: string) => boolean;
  /** Whether any principal, address or user-agent allow-list is set (most runs have none). */
  private readonly allowsEvents: boolean;
  /** Hits per rule or detector id (stats). */
  readonly counts: Record<string, number> = {};
  /** Events skipped because an allow-list matched. */
  allowed = 0;
  private currentSource = '';
  readonly context: DetectorContext;

  constructor(private readonly options: EngineOptions) {
    const readers = (kind: LogEvent['kind']) => options.detectors.filter((d) => d.kinds.includes(kind));
    this.byKind = { cloudtrail: readers('cloudtrail'), vpcflow: readers('vpcflow'), dns: readers('dns') };
    const cloudTrail = this.byKind.cloudtrail;
    this.cloudTrailAnySource = cloudTrail.filter((d) => d.eventSources === undefined);
    for (const source of new Set(cloudTrail.flatMap((d) => d.eventSources ?? []))) {
      this.cloudTrailBySource.set(source, cloudTrail.filter((d) => d.eventSources === undefined || d.eventSources.includes(source)));
    }
    for (const rule of options.rules) {
      const index = this.indexes.find((i) => rule.match.required?.has(i.field));
      if (index) {
        for (const value of rule.match.required!.get(index.field)!) {
          const list = index.byValue.get(value) ?? [];
          list.push(rule);
          index.byValue.set(value, list);
        }
      } else this.unindexed.push(rule);
      if (rule.resource) this.resourceGetters.set(rule, rule.resource.fields.map(fieldGetter));
    }
    const allow = options.allow ?? {};
    const globs = (list: string[] | undefined, nocase: boolean) =>
      list && list.length > 0 ? picomatch(list, { nocase, dot: true, bash: true }) : () => false;
    this.isAllowedPrincipal = globs(allow.principals, false);
    this.isAllowedAgent = globs(allow.userAgents, true);
    this.isAllowedRule = globs(allow.rules, false);
    const ipAllow = new Intel();
    for (const ip of allow.ips ?? []) ipAllow.addIp(ip, { indicator: ip, category: 'malicious', source: 'allow' });
    this.isAllowedIp = (ip) => ipAllow.lookupIp(ip) !== undefined;
    this.allowsEvents = (allow.principals?.length ?? 0) + (allow.ips?.length ?? 0) + (allow.userAgents?.length ?? 0) > 0;

    const thresholds = options.settings.thresholds;
    this.context = {
      emit: (hit) => this.emit(hit),
      intel: options.intel,
      settings: options.settings,
      threshold: (name, fallback) => thresholds[name] ?? fallback,
    };
  }

  private emit(hit: Hit): void {
    if (this.isAllowedRule(hit.type) || (hit.ruleId !== undefined && this.isAllowedRule(hit.ruleId))) return;
    if (this.isAllowedPrincipal(hit.actor)) return;
    const source = hit.ruleId ? `rule:${hit.ruleId}` : this.currentSource;
    this.counts[source] = (this.counts[source] ?? 0) + 1;
    this.aggregator.add(hit);
  }

  observe(event: LogEvent): void {
    if (this.allowsEvents && this.isAllowedEvent(event)) {
      this.allowed++;
      return;
    }
    let detectors: Detector[];
    if (event.kind === 'cloudtrail') {
      this.runRules(event.record, event);
      detectors = this.cloudTrailBySource.get(event.record.eventSource) ?? this.cloudTrailAnySource;
    } else detectors = this.byKind[event.kind];
    for (const detector of detectors) {
      this.currentSource = detector.id;
      detector.observe(event, this.context);
    }
  }

  /** Whether an allow-list (principal, address, user agent) covers the event. */
  private isAllowedEvent(event: LogEvent): boolean {
    if (event.kind === 'cloudtrail') {
      const record = event.record;
      const identity = record.userIdentity;
      return Boolean(
        (identity && (this.isAllowedPrincipal(identity.arn ?? '') || this.isAllowedPrincipal(identity.sessionContext?.sessionIssuer?.arn ?? ''))) ||
          (record.sourceIPAddress && this.isAllowedIp(record.sourceIPAddress)) ||
          (record.userAgent && this.isAllowedAgent(record.userAgent)),
      );
    }
    if (event.kind === 'vpcflow') return Boolean((event.record.srcAddr && this.isAllowedIp(event.record.srcAddr)) || (event.record.dstAddr && this.isAllowedIp(event.record.dstAddr)));
    return Boolean(event.record.srcaddr && this.isAllowedIp(event.record.srcaddr));
  }

  /**
   * Feeds a log stream through the engine a batch at a time, keeping this thread's heap near
   * what it holds (see HeapGuard); `afterBatch` follows each batch (progress).
   */
  async observeStream(stream: LogStream, afterBatch?: () => void): Promise<void> {
    const guard = new HeapGuard();
    for await (const batch of stream.batches()) {
      for (const event of batch) this.observe(event);
      guard.check();
      afterBatch?.();
    }
  }

  private runRules(record: CloudTrailEvent, event: LogEvent & { kind: 'cloudtrail' }): void {
    for (const index of this.indexes) {
      if (index.byValue.size === 0) continue;
      const rules = rulesFor(index, record);
      if (rules) for (const rule of rules) this.tryRule(rule, record, event);
    }
    for (const rule of this.unindexed) this.tryRule(rule, record, event);
  }

  private tryRule(rule: SigmaRule, record: CloudTrailEvent, event: LogEvent & { kind: 'cloudtrail' }): void {
    if (!rule.match.test(record as Record<string, unknown>)) return;
    const account = accountOf(record);
    this.emit({
      type: rule.type,
      account,
      region: regionOf(record),
      actor: actorOf(record),
      resource: this.resourceOf(rule, record, account),
      time: timeOf(record),
      eventId: eventIdOf(record, event.ref),
      severity: rule.level,
      ruleId: rule.id,
      title: rule.title,
      techniques: rule.techniques,
      details: { sourceIPAddress: record.sourceIPAddress, userAgent: record.userAgent, eventName: record.eventName, errorCode: record.errorCode },
    });
  }

  private resourceOf(rule: SigmaRule, record: CloudTrailEvent, account: string): Hit['resource'] {
    const getters = this.resourceGetters.get(rule);
    if (getters && rule.resource) {
      for (const get of getters) {
        const value = get(record).map(scalarText).find((v) => v !== undefined && v !== '');
        if (value) return { type: rule.resource.type, id: value };
      }
    }
    return { type: 'AWS::::Account', id: account };
  }

  state(): EngineState {
    const detectors: Record<string, unknown> = {};
    for (const d of this.options.detectors) if (d.state) detectors[d.id] = d.state();
    return { groups: this.aggregator.state(), detectors, counts: { ...this.counts }, allowed: this.allowed };
  }

  merge(state: EngineState): void {
    this.aggregator.merge(state.groups);
    for (const d of this.options.detectors) if (d.merge && state.detectors[d.id] !== undefined) d.merge(state.detectors[d.id]);
    for (const [k, v] of Object.entries(state.counts)) this.counts[k] = (this.counts[k] ?? 0) + v;
    this.allowed += state.allowed;
  }

  /** Lets every detector decide on what it has seen, then returns the aggregated groups. */
  finish(): Group[] {
    for (const detector of this.options.detectors) {
      this.currentSource = detector.id;
      detector.finish?.(this.context);
    }
    return [...this.aggregator.groups.values()];
  }
}
