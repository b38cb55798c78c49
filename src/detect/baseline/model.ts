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
