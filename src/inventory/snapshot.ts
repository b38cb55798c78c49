import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';

/**
 * The snapshot (Contract 3): a folder of raw AWS API responses.
 *   manifest.json               which accounts and regions, when, which partition
 *   <account-id>.json[.gz]      { service: { Operation: { region: ENTRY } } }
 * This module reads and writes it and answers "what did this call return"; the typed views
 * in ./views turn answers into the resource model checks use.
 */

export const SNAPSHOT_FORMAT = 'vigil-snapshot/1';

export interface CallError {
  code: string;
  message: string;
}
export type CallEntry = { data: unknown } | { error: CallError };
export type Entry = CallEntry | { resources: Record<string, CallEntry> };
/** service → Operation → region → entry */
export type AccountData = Record<string, Record<string, Record<string, Entry>>>;

const manifestSchema = z.object({
  format: z.string(),
  collectedAt: z.string(),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).default('aws'),
  accounts: z.array(
    z
      .object({
        id: z.string().regex(/^\d{12}$/, 'expected a 12-digit account id'),
        name: z.string().optional(),
        regions: z.array(z.string()),
        /** Collection status: `ok`, or why the account could not be (fully) read. */
        status: z.string().optional(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
      })
      .passthrough(),
  ),
  /** Regions found opted out or disabled, per account, reported not failed. */
  skippedRegions: z.record(z.string(), z.array(z.string())).optional(),
  organization: z.object({ id: z.string(), managementAccountId: z.string().optional() }).passthrough().optional(),
}).passthrough();
export type SnapshotManifest = z.infer<typeof manifestSchema>;
export type ManifestAccount = SnapshotManifest['accounts'][number];

/**
 * Error codes that state a fact ("this setting does not exist"), not a failure to read.
 * Checks read them as "not configured"; every other error means the data is unknown.
 */
export const NOT_CONFIGURED_CODES = new Set([
  'NoSuchBucketPolicy',
  'NoSuchPublicAccessBlockConfiguration',
  'ServerSideEncryptionConfigurationNotFoundError',
  'ReplicationConfigurationNotFoundError',
  'ObjectLockConfigurationNotFoundError',
  'NoSuchLifecycleConfiguration',
  'NoSuchTagSet',
  'NoSuchWebsiteConfiguration',
  'NoSuchCORSConfiguration',
  'NoSuchEntity',
  'NoSuchEntityException',
  'InvalidAccessException',
  'ResourceNotFoundException',
  'RepositoryPolicyNotFoundException',
  'LifecyclePolicyNotFoundException',
  'OwnershipControlsNotFoundError',
  'AWSOrganizationsNotInUseException',
  'BadRequestException',
  // Also read as "not configured" by the views (src/inventory/views/regional-calls.ts).
  'WAFNonexistentItemException',
  'NoSuchDistribution',
  'PolicyNotFound',
]);

export function isNotConfigured(error: CallError): boolean {
  return NOT_CONFIGURED_CODES.has(error.code);
}

/** What one recorded call tells: its data, a "not configured" fact, an unknown, or nothing recorded. */
export type CallResult<T> =
  | { kind: 'data'; data: T }
  | { kind: 'absent'; error: CallError }
  | { kind: 'error'; error: CallError }
  | { kind: 'missing' };

function toResult<T>(entry: CallEntry | undefined): CallResult<T> {
  if (!entry) return { kind: 'missing' };
  if ('error' in entry) return isNotConfigured(entry.error) ? { kind: 'absent', error: entry.error } : { kind: 'error', error: entry.error };
  return { kind: 'data', data: entry.data as T };
}

export class Snapshot {
  private readonly loaded = new Map<string, AccountData>();

  constructor(
    readonly manifest: SnapshotManifest,
    private readonly loadAccount: (accountId: string) => AccountData,
    readonly dir?: string,
    /** Reads one account/region-level entry without parsing the whole account (null: cannot). */
    private readonly peekEntry?: (accountId: string, service: string, operation: string, region: string) => Entry | undefined | null,
  ) {}

  /** A snapshot held in memory (tests, the demo generator). */
  static fromData(manifest: Omit<SnapshotManifest, 'format' | 'partition'> & { partition?: SnapshotManifest['partition'] }, accounts: Record<string, AccountData>): Snapshot {
    const full = manifestSchema.parse({ format: SNAPSHOT_FORMAT, ...manifest });
    return new Snapshot(full, (id) => accounts[id] ?? {});
  }

  get accounts(): ManifestAccount[] {
    return this.manifest.accounts;
  }

  get partition(): string {
    return this.manifest.partition;
  }

  account(accountId: string): AccountData {
    let data = this.loaded.get(accountId);
    if (!data) {
      data = this.loadAccount(accountId);
      this.loaded.set(accountId, data);
    }
    return data;
  }

  /** Is the account's data held in memory? */
  isLoaded(accountId: string): boolean {
    return this.loaded.has(accountId);
  }

  /**
   * Drops an account's parsed data (and with it every view memoised on it); a later read loads
   * it again. The scan engine calls this once an account's checks have run.
   */
  release(accountId: string): void {
    this.loaded.delete(accountId);
  }

  /**
   * The result of one account/region-level call, read without keeping the account loaded (for
   * organization-wide lookups such as "which account owns this bucket"). Uses the loaded data
   * when there is some, else a cheap read of just that entry, else a transient full load.
   */
  peek<T = any>(accountId: string, service: string, operation: string, region: string): CallResult<T> {
    if (this.loaded.has(accountId)) return this.call<T>(accountId, service, operation, region);
    const peeked = this.peekEntry?.(accountId, service, operation, region);
    const entry = peeked !== undefined && peeked !== null ? peeked : peeked === undefined && this.peekEntry ? undefined : this.loadAccount(accountId)[service]?.[operation]?.[region];
    if (entry && 'resources' in entry) return { kind: 'error', error: { code: 'SnapshotShape', message: `${service}.${operation} is per-resource` } };
    return toResult<T>(entry);
  }

  /** Raw entry of an account/region-level call. */
  entry(accountId: string, service: string, operation: string, region: string): Entry | undefined {
    return this.account(accountId)[service]?.[operation]?.[region];
  }

  /** The result of an account/region-level call. */
  call<T = any>(accountId: string, service: string, operation: string, region: string): CallResult<T> {
    const entry = this.entry(accountId, service, operation, region);
    if (entry && 'resources' in entry) return { kind: 'error', error: { code: 'SnapshotShape', message: `${service}.${operation} is per-resource` } };
    return toResult<T>(entry);
  }

  /** The result of a per-resource call for one key (bucket name, user name, key id…). */
  resourceCall<T = any>(accountId: string, service: string, operation: string, region: string, key: string): CallResult<T> {
    const entry = this.entry(accountId, service, operation, region);
    if (!entry) return { kind: 'missing' };
    if (!('resources' in entry)) return toResult<T>(entry); // the whole call failed (e.g. AccessDenied)
    return toResult<T>(entry.resources[key]);
  }

  /** Regions recorded for an operation (useful for global calls and region discovery). */
  regionsOf(accountId: string, service: string, operation: string): string[] {
    return Object.keys(this.account(accountId)[service]?.[operation] ?? {});
  }
}

/** Reads a snapshot folder. Refuses unknown formats and corrupt files with exit-2 errors naming the file. */
export function readSnapshot(dir: string): Snapshot {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new InputError('not a snapshot folder (no manifest.json)', dir);
  const raw = parseJsonFile(manifestPath, readFileSync(manifestPath));
  const format = (raw as { format?: unknown })?.format;
  if (format !== SNAPSHOT_FORMAT) {
    const hint = typeof format === 'string' && format.startsWith('vigil-snapshot/') ? ' (written by a newer Vigil? upgrade to read it)' : '';
    throw new InputError(`unsupported snapshot format ${JSON.stringify(format)}; this Vigil reads ${SNAPSHOT_FORMAT}${hint}`, manifestPath, '$.format');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, manifestPath, jsonPath(issue.path as Array<string | number>));
  }
  return new Snapshot(parsed.data, (accountId) => readAccountFile(dir, accountId), dir, (accountId, service, operation, region) => peekAccountFile(dir, accountId, service, operation, region));
}

/**
 * One entry of an account file without parsing the rest: finds the service's object at the top
 * level, the operation inside it and the region inside that, by scanning the JSON text (strings
 * skipped, so nothing inside a value can match), and parses only that entry. Returns undefined
 * when the file or the entry does not exist, null when the text is not what it should be (the
 * caller then loads the whole file, which reports the problem properly).
 */
function peekAccountFile(dir: string, accountId: string, service: string, operation: string, region: string): Entry | undefined | null {
  const plain = join(dir, `${accountId}.json`);
  const gz = `${plain}.gz`;
  let text: string;
  try {
    if (existsSync(plain)) text = readFileSync(plain, 'utf8');
    else if (existsSync(gz)) text = gunzipSync(readFileSync(gz)).toString('utf8');
    else return undefined;
  } catch {
    return null;
  }
  let span: [number, number] | undefined | null = [0, text.length];
  for (const key of [service, operation, region]) {
    span = memberSpan(text, span[0], span[1], key);
    if (!span) return span;
  }
  try {
    const entry = JSON.parse(text.slice(span[0], span[1])) as unknown;
    return isObject(entry) && ('data' in entry || 'error' in entry || 'resources' in entry) ? (entry as Entry) : null;
  } catch {
    return null;
  }
}

/**
 * Where the value of `key` is in the JSON object spanning text[start, end): undefined when the
 * object has no such member, null when the text is not a JSON object.
 */
function memberSpan(text: string, start: number, end: number, key: string): [number, number] | undefined | null {
  let i = skipSpace(text, start);
  if (text[i] !== '{') return null;
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === '}') return undefined;
    if (text[i] !== '"') return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0 || keyEnd >= end) return null;
    const name = text.slice(i, keyEnd + 1);
    i = skipSpace(text, keyEnd + 1);
    if (text[i] !== ':') return null;
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = valueEndAt(text, valueStart, end);
    if (valueEnd < 0) return null;
    if (name === JSON.stringify(key) || (name.includes('\\') && JSON.parse(name) === key)) return [valueStart, valueEnd];
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i++;
    else if (text[i] === '}') return undefined;
    else return null;
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index of the closing quote of the string opening at `i`, or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; ; ) {
    const quote = text.indexOf('"', j);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let k = quote - 1; text[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    j = quote + 1;
  }
}

/** End (exclusive) of the JSON value starting at `i`, or -1. */
function valueEndAt(text: string, i: number, end: number): number {
  const first = text[i];
  if (first === '"') {
    const close = stringEnd(text, i);
    return close < 0 ? -1 : close + 1;
  }
  if (first !== '{' && first !== '[') {
    let j = i;
    while (j < end && !',}] \n\r\t'.includes(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 34 /* " */) {
      j = stringEnd(text, j);
      if (j < 0) return -1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

function readAccountFile(dir: string, accountId: string): AccountData {
  const plain = join(dir, `${accountId}.json`);
  const gz = `${plain}.gz`;
  let path: string;
  let bytes: Buffer;
  if (existsSync(plain)) {
    path = plain;
    bytes = readFileSync(plain);
  } else if (existsSync(gz)) {
    path = gz;
    try {
      bytes = gunzipSync(readFileSync(gz));
    } catch (error) {
      throw new InputError(`corrupt gzip: ${(error as Error).message}`, gz);
    }
  } else {
    // An account listed in the manifest with nothing collected (e.g. AssumeRole failed).
    return {};
  }
  const data = parseJsonFile(path, bytes);
  validateAccountData(path, data);
  return data as AccountData;
}

/** Checks the three levels and the entry shapes, naming the JSON path of the first problem. */
function validateAccountData(path: string, data: unknown): void {
  const fail = (where: Array<string | number>, message: string): never => {
    throw new InputError(message, path, jsonPath(where));
  };
  if (!isObject(data)) fail([], 'expected an object of services');
  for (const [service, operations] of Object.entries(data as object)) {
    if (!isObject(operations)) fail([service], 'expected an object of operations');
    for (const [operation, regions] of Object.entries(operations as object)) {
      if (!isObject(regions)) fail([service, operation], 'expected an object of regions');
      for (const [region, entry] of Object.entries(regions as object)) {
        const where = [service, operation, region];
        if (isObject(entry) && 'resources' in entry) {
          if (!isObject(entry.resources)) fail([...where, 'resources'], 'expected an object of resources');
          for (const [key, sub] of Object.entries(entry.resources as object)) checkCallEntry(sub, [...where, 'resources', key], fail);
        } else {
          checkCallEntry(entry, where, fail);
        }
      }
    }
  }
}

function checkCallEntry(entry: unknown, where: Array<string | number>, fail: (w: Array<string | number>, m: string) => never): void {
  if (!isObject(entry) || !('data' in entry || 'error' in entry)) fail(where, 'expected {"data": …}, {"error": …} or {"resources": …}');
  const error = (entry as { error?: unknown }).error;
  if (error !== undefined && (!isObject(error) || typeof error.code !== 'string')) fail([...where, 'error'], 'expected {"code": string, "message": string}');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `$.s3.ListBuckets["us-east-1"]` */
export function jsonPath(path: Array<string | number | symbol>): string {
  return `$${path.map((part) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_][\w]*$/.test(String(part)) ? `.${String(part)}` : `[${JSON.stringify(String(part))}]`)).join('')}`;
}

/** JSON.parse with the error turned into `file:line:col`. */
export function parseJsonFile(path: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message);
    let location: string | undefined;
    if (match) {
      const offset = Number(match[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      location = `${line}:${offset - before.lastIndexOf('\n')}`;
    }
    throw new InputError(`invalid JSON: ${(error as Error).message.split('\n')[0]}`, path, location);
  }
}

/** Writes a snapshot folder; `gzip` writes account files as .json.gz. */
export async function writeSnapshot(dir: string, manifest: SnapshotManifest, accounts: Record<string, AccountData>, options: { gzip?: boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [accountId, data] of Object.entries(accounts)) {
    const json = JSON.stringify(data);
    if (options.gzip) await writeFile(join(dir, `${accountId}.json.gz`), gzipSync(json));
    else await writeFile(join(dir, `${accountId}.json`), json);
  }
}

export function newManifest(accounts: ManifestAccount[], partition: SnapshotManifest['partition'] = 'aws'): SnapshotManifest {
  return { format: SNAPSHOT_FORMAT, collectedAt: new Date().toISOString(), partition, accounts };
}
