import type { ResourceRef } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { LogEvent } from '../logs/types.ts';
import type { Intel } from './intel/index.ts';

/**
 * One observation by a rule or detector. The engine rolls hits of the same type, actor and
 * resource into one finding (GuardDuty's aggregation), so a hit is cheap and small.
 */
export interface Hit {
  /** GuardDuty finding type (or one in the same grammar). */
  type: string;
  account: string;
  region: string;
  /** Who did it: principal ARN, or the remote IP for network findings. */
  actor: string;
  resource: ResourceRef;
  /** Epoch milliseconds of the event. */
  time: number;
  /** CloudTrail eventID, or `file:line` for flow and DNS records. */
  eventId: string;
  /** Overrides the catalog severity (e.g. a rule's level, or a worse variant). */
  severity?: Severity;
  ruleId?: string;
  title?: string;
  techniques?: string[];
  /** Small facts for the finding's evidence (first hit wins per key). */
  details?: Record<string, unknown>;
  /** How many events this hit stands for (a detector summarising a window); default 1. */
  count?: number;
  /** For a window: the time of its last event (`time` is the first) and its earliest event ids. */
  until?: number;
  events?: Array<[number, string]>;
}

/** Tuning, from options and vigil.yaml `detect:`. */
export interface DetectSettings {
  learningDays: number;
  /** Named thresholds (`consoleBruteForce`, `secretsBurst`, …) overriding the defaults. */
  thresholds: Record<string, number>;
  /** Accounts that may receive shares and trust (besides the account itself). */
  trustedAccounts: string[];
}

export interface DetectorContext {
  emit(hit: Hit): void;
  intel: Intel;
  settings: DetectSettings;
  threshold(name: string, fallback: number): number;
}

/**
 * A detector that needs state (windows, sequences, baselines). Its state must survive a round
 * trip through `state()`/`merge()`, because each worker observes some files and the main
 * thread merges every worker's state before `finish()` decides. Observation order is not
 * guaranteed (CloudTrail files are unsorted), so decisions wait for `finish()` or use
 * order-free state.
 */
export interface Detector {
  readonly id: string;
  readonly kinds: ReadonlyArray<LogEvent['kind']>;
  /**
   * The CloudTrail event sources (`s3.amazonaws.com`, …) whose events this detector reads;
   * absent: every CloudTrail event. The engine calls a detector only with events it reads.
   */
  readonly eventSources?: ReadonlyArray<string>;
  observe(event: LogEvent, ctx: DetectorContext): void;
  state?(): unknown;
  merge?(state: unknown): void;
  finish?(ctx: DetectorContext): void;
}
