import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { InputError } from '../../core/errors.ts';

/**
 * Behaviour baselines like GuardDuty's: per principal, the networks (ASNs), countries,
 * user-agent families, regions and APIs it has used, and the hours of day it is active; per
 * account, the regions in use. Each value keeps when it was first seen and its first event, so
 * "new after the learning period" is decided order-free at the end of a run. The state is
 * plain JSON, merged across workers and persisted with `--state FILE` so repeated runs keep
 * learning.
 */

export const FEATURES = ['asn', 'country', 'agent', 'region', 'api', 'loginAsn', 'loginCountry', 'loginAgent'] as const;
export type Feature = (typeof FEATURES)[number];

/** A feature value: first seen (ms), how often, and its first event. */
export interface Seen {
  first: number;
  count: number;
  /** eventID of the first event, its API and source IP. */
  id: string;
  api?: string;
  ip?: string;
  region?: string;
  /** Who made the call (kept for account-level values). */
  actor?: string;
}

export interface Profile {
  first: number;
  last: number;
  events: number;
  account: string;
  values: Partial<Record<Feature, Record<string, Seen>>>;
  /** Events per UTC hour of day. */
  hours: number[];
}

export interface AccountProfile {
  first: number;
  last: number;
  regions: Record<string, Seen>;
  /** First RunInstances per region. */
  launches: Record<string, Seen>;
}

export interface BaselineState {
  format: 'vigil-baseline/1';
  principals: Record<string, Profile>;
  accounts: Record<string, AccountProfile>;
}

/** Values kept per feature per principal; the least used go first. */
export const MAX_VALUES = 300;
export const MAX_PRINCIPALS = 50_000;

export function emptyBaseline(): BaselineState {
  return { format: 'vigil-baseline/1', principals: {}, accounts: {} };
}

/** Values dropped by `note` so far (this thread), so callers caching "already noted" can tell. */
export let evictions = 0;

/** Counts a value (first sighting kept order-free); returns its entry, undefined when it was dropped at once. */
export function note(map: Record<string, Seen>, value: string, seen: Omit<Seen, 'count'>): Seen | undefined {
  const existing = map[value];
  if (existing !== undefined) {
    existing.count++;
    // Keep the earliest event (ties broken by id) whatever order events arrive in.
    if (seen.first < existing.first || (seen.first === existing.first && seen.id < existing.id)) {
      existing.first = seen.first;
      existing.id = seen.id;
      existing.api = seen.api;
      existing.ip = seen.ip;
      existing.region = seen.region;
      existing.actor = seen.actor;
    }
    return existing;
  }
  map[value] = { first: seen.first, count: 1, id: seen.id, api: seen.api, ip: seen.ip, region: seen.region, actor: seen.actor };
  const keys = Object.keys(map);
  if (keys.length > MAX_VALUES) {
    const least = keys.reduce((a, b) => (map[b]!.count < map[a]!.count ? b : a));
    delete map[least];
    evictions++;
  }
  return map[value];
}

function mergeSeen(into: Record<string, Seen>, from: Record<string, Seen>): void {
  for (const [value, seen] of Object.entries(from)) {
    const existing = into[value];
    if (!existing) into[value] = { ...seen };
    else {
      const count = existing.count + seen.count;
      if (seen.first < existing.first || (seen.first === existing.first && seen.id < existing.id)) Object.assign(existing, seen);
      existing.count = count;
    }
  }
}

export function mergeBaseline(into: BaselineState, from: BaselineState): void {
  for (const [key, profile] of Object.entries(from.principals)) {
    const mine = into.principals[key];
    if (!mine) {
      if (Object.keys(into.principals).length < MAX_PRINCIPALS) into.principals[key] = structuredClone(profile);
      continue;
    }
    mine.first = Math.min(mine.first, profile.first);
    mine.last = Math.max(mine.last, profile.last);
    mine.events += profile.events;
    for (let h = 0; h < 24; h++) mine.hours[h] = (mine.hours[h] ?? 0) + (profile.hours[h] ?? 0);
    for (const feature of FEATURES) {
      const values = profile.values[feature];
      if (values) mergeSeen((mine.values[feature] ??= {}), values);
    }
  }
  for (const [key, account] of Object.entries(from.accounts)) {
    const mine = into.accounts[key];
    if (!mine) {
      into.accounts[key] = structuredClone(account);
      continue;
    }
    mine.first = Math.min(mine.first, account.first);
    mine.last = Math.max(mine.last, account.last);
    mergeSeen(mine.regions, account.regions);
    mergeSeen(mine.launches, account.launches);
  }
}

export function loadBaseline(file: string): BaselineState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyBaseline();
    throw new InputError(`cannot read state: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  let state: BaselineState;
  try {
    state = JSON.parse(text) as BaselineState;
  } catch (error) {
    throw new InputError(`state file is not JSON: ${(error as Error).message}`, file);
  }
  if (state?.format !== 'vigil-baseline/1' || typeof state.principals !== 'object' || typeof state.accounts !== 'object') {
    throw new InputError('not a Vigil baseline state file (format vigil-baseline/1)', file);
  }
  return state;
}

/** Writes atomically (temp file + rename) so an interrupted run never leaves half a state. */
export function saveBaseline(file: string, state: BaselineState): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** The family of a user agent: the tool, not its version (`aws-cli`, `boto3`, `console`, …). */
const familyCache = new Map<string, string>();

export function agentFamily(userAgent: string | undefined): string {
  if (!userAgent) return 'none';
  const cached = familyCache.get(userAgent);
  if (cached !== undefined) return cached;
  const family = computeFamily(userAgent);
  if (familyCache.size >= 50_000) familyCache.clear();
  familyCache.set(userAgent, family);
  return family;
}

function computeFamily(userAgent: string): string {
  const ua = userAgent.toLowerCase();
  if (ua.includes('aws-internal') || ua === 'aws internal') return 'aws-internal';
  if (ua.endsWith('.amazonaws.com')) return 'aws-service';
  if (ua.startsWith('mozilla/') || ua.includes('signin.amazonaws.com') || ua.includes('console.')) return 'browser';
  for (const family of ['aws-cli', 'boto3', 'botocore', 'aws-sdk-go-v2', 'aws-sdk-go', 'aws-sdk-java', 'aws-sdk-js', 'aws-sdk-dotnet', 'aws-sdk-ruby', 'aws-sdk-php', 'aws-sdk-rust', 'terraform', 'pulumi', 'cloudformation', 'aws-cdk', 'python-requests', 'curl']) {
    if (ua.includes(family)) return family;
  }
  // The tool name without versions or per-run suffixes.
  return ua.split(/[/ ]/)[0]!.split(/[_#]|\d/)[0]!.slice(0, 32) || 'other';
}
