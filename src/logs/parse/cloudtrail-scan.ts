import type { CloudTrailEvent } from '../types.ts';

/**
 * Reads a CloudTrail delivery file (`{"Records":[…]}`) without building every record.
 *
 * JSON.parse builds every nested object of every record (requestParameters, responseElements,
 * resources, …) although detection reads them for a few kinds of calls only; with the UTF-8
 * decoding of the file it costs about 1.7 times the scan below (`bench/detect.bench.ts`). Here a byte scanner finds
 * each record and its top-level fields; the fields most readers need (who, from where, what,
 * when) are read at once, with repeated values shared (an identity or an address repeats over
 * a whole session, so later comparisons and Map lookups find the same string or object); every
 * other field keeps its place in the file and is parsed by JSON.parse the first time it is read.
 *
 * The result is exactly what JSON.parse would give for each field read. Anything the scanner
 * does not expect (a record with an unknown field or an escaped key) is parsed whole by
 * JSON.parse; a document that is not a plain delivery file (other top-level keys, truncated,
 * corrupt) is left to the caller, which parses it the ordinary way and reports what is wrong.
 * Records read their lazy fields from the file's bytes, which are given back once the file's
 * events are consumed: readers must not keep records (they keep the values they need instead).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Top-level fields read at once when their value is a string (interned: values repeat). */
const SHARED_STRINGS = [
  'eventVersion', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'recipientAccountId',
  'eventType', 'eventCategory', 'errorCode', 'vpcEndpointId', 'vpcEndpointAccountId', 'apiVersion', 'sessionCredentialFromConsole',
] as const;
/** Read at once as a string of its own (nearly unique per event). */
const OWN_STRINGS = ['eventTime', 'eventID'] as const;
const BOOLEANS = ['readOnly', 'managementEvent'] as const;
/** Parsed when first read. The documented record contents, less the fields above. */
const LAZY = [
  'requestParameters', 'responseElements', 'additionalEventData', 'resources', 'serviceEventDetails', 'tlsDetails',
  'edgeDeviceDetails', 'addendum', 'insightDetails', 'eventContext', 'requestID', 'sharedEventID', 'errorMessage',
] as const;

const enum Kind {
  SharedString,
  OwnString,
  Boolean,
  Identity,
  Lazy,
}

interface FieldSpec {
  name: string;
  bytes: Uint8Array;
  kind: Kind;
  /** Position in LAZY for lazy fields. */
  lazyIndex: number;
  /** The value this field had in the record read last (plain ASCII shared strings only). */
  last?: string;
  /** Values of this field seen recently, by hash (shared strings only). */
  cache?: Array<string | undefined>;
}

const STRING_SLOTS = 1 << 10;

// Fields by their first two characters; a key matches when its bytes follow and a quote ends it.
const fieldsByPrefix: Array<FieldSpec[] | undefined> = new Array(1 << 14).fill(undefined);
const prefixOf = (first: number, second: number) => ((first & 0x7f) << 7) | (second & 0x7f);

function addField(name: string, kind: Kind, lazyIndex = -1): void {
  const bytes = Buffer.from(name, 'latin1');
  const cache = kind === Kind.SharedString ? new Array<string | undefined>(STRING_SLOTS).fill(undefined) : undefined;
  (fieldsByPrefix[prefixOf(bytes[0]!, bytes[1]!)] ??= []).push({ name, bytes, kind, lazyIndex, cache });
}
for (const name of SHARED_STRINGS) addField(name, Kind.SharedString);
for (const name of OWN_STRINGS) addField(name, Kind.OwnString);
for (const name of BOOLEANS) addField(name, Kind.Boolean);
addField('userIdentity', Kind.Identity);
LAZY.forEach((name, index) => addField(name, Kind.Lazy, index));

/** The known field whose name starts at `start` (just after the opening quote), if any. */
function fieldAt(b: Uint8Array, start: number, n: number): FieldSpec | undefined {
  if (start + 2 >= n) return undefined;
  const candidates = fieldsByPrefix[prefixOf(b[start]!, b[start + 1]!)];
  if (candidates === undefined) return undefined;
  for (let c = 0; c < candidates.length; c++) {
    const spec = candidates[c]!;
    const bytes = spec.bytes;
    const length = bytes.length;
    if (b[start + length] !== QUOTE) continue;
    let i = 2;
    while (i < length && bytes[i] === b[start + i]) i++;
    if (i === length) return spec;
  }
  return undefined;
}

/** What the scanner found in one file: its bytes, the places of lazy fields, a problem hook. */
export interface ScannedFile {
  readonly bytes: Buffer;
  /** Triples (lazy field index, start, end); a record's run starts at its `spanStart`. */
  readonly spans: number[];
  /** A lazily read field that turned out not to be valid JSON (read as absent): where the record starts. */
  readonly onInvalid: (offset: number, field: string) => void;
}

/**
 * One CloudTrail record of a scanned file. The eager fields are own properties; the others
 * are getters on the prototype that parse their text on first use. JSON.stringify gives the
 * whole record; `plainRecord()` gives it as an ordinary object for code that enumerates keys.
 */
export class ScannedRecord {
  eventVersion: string | undefined = undefined;
  // Required fields: undefined only until the scanner has read them.
  eventTime: string = undefined as unknown as string;
  eventSource: string = undefined as unknown as string;
  eventName: string = undefined as unknown as string;
  awsRegion: string | undefined = undefined;
  sourceIPAddress: string | undefined = undefined;
  userAgent: string | undefined = undefined;
  recipientAccountId: string | undefined = undefined;
  eventType: string | undefined = undefined;
  eventCategory: string | undefined = undefined;
  errorCode: string | undefined = undefined;
  vpcEndpointId: string | undefined = undefined;
  vpcEndpointAccountId: string | undefined = undefined;
  apiVersion: string | undefined = undefined;
  sessionCredentialFromConsole: string | undefined = undefined;
  eventID: string = undefined as unknown as string;
  readOnly: boolean | undefined = undefined;
  managementEvent: boolean | undefined = undefined;
  userIdentity: CloudTrailEvent['userIdentity'] = undefined;
  /** Lazy values already parsed, by LAZY index. */
  private parsed: unknown[] | undefined = undefined;
  /** Where this record's lazy-field triples start in file.spans, and how many. */
  spanStart = 0;
  spanCount = 0;
  /** The record's text in the file: start set at creation, end once scanned. */
  end = 0;

  constructor(
    private readonly file: ScannedFile,
    private readonly start: number,
  ) {}

  /** The value of a lazy field: parsed once, undefined when the record has no such field. */
  lazy(index: number): unknown {
    const cached = this.parsed?.[index];
    if (cached !== undefined) return cached;
    this.assertHeld(LAZY[index]!);
    const spans = this.file.spans;
    for (let s = this.spanStart + 3 * (this.spanCount - 1); s >= this.spanStart; s -= 3) {
      if (spans[s] !== index) continue;
      let value: unknown;
      try {
        value = JSON.parse(this.file.bytes.toString('utf8', spans[s + 1], spans[s + 2]));
      } catch {
        this.file.onInvalid(this.start, LAZY[index]!);
        return undefined;
      }
      (this.parsed ??= [])[index] = value;
      return value;
    }
    return undefined;
  }

  /** Throws when the file's bytes were given back (logs/index.ts giveBack) before `what` was read. */
  private assertHeld(what: string): void {
    if (this.file.bytes.length < this.end) throw new Error(`${what} read after the record's file was released: readers of lazy records must not keep them`);
  }

  /** The whole record as JSON.parse gives it. */
  toJSON(): CloudTrailEvent {
    this.assertHeld('the record');
    return JSON.parse(this.file.bytes.toString('utf8', this.start, this.end)) as CloudTrailEvent;
  }
}

for (const [index, name] of LAZY.entries()) {
  Object.defineProperty(ScannedRecord.prototype, name, {
    get(this: ScannedRecord) {
      return this.lazy(index);
    },
    configurable: true,
  });
}

/** A record as an ordinary object (for code that walks every key, such as Sigma keywords). */
export function plainRecord<T>(record: T): T {
  return record instanceof ScannedRecord ? (record.toJSON() as T) : record;
}

// Bounded, direct-mapped caches of values seen recently (identities here, strings per field
// in FieldSpec.cache). A slot holds one value; a miss replaces it. Any hash collision only
// costs a miss (values are compared byte for byte), so an adversarial log can make the caches
// miss, never give a wrong value.
const IDENTITY_SLOTS = 1 << 10;
const identityBytes: Array<Buffer | undefined> = new Array(IDENTITY_SLOTS).fill(undefined);
const identityValues: unknown[] = new Array(IDENTITY_SLOTS).fill(undefined);

/** A hash of an identity's text from its last 16 bytes and every fourth byte before them. */
function sampleHash(b: Uint8Array, start: number, end: number): number {
  const length = end - start;
  let h = length * 0x9e3779b1;
  // The end differs most between identities (session names, ids, dates); the rest a little.
  const tail = Math.max(start, end - 16);
  for (let i = tail; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  for (let i = start; i < tail; i += 4) h = Math.imul(h ^ b[i]!, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Set by the string readers below: the string read, and whether its bytes were plain ASCII without escapes. */
let stringValue = '';
let stringPlain = false;

/**
 * Reads the string whose first character is at `start` into stringValue and returns the index
 * of its closing quote (-1 if there is none). Plain ASCII strings come from the cache when it
 * holds the same text (one pass finds the end and hashes; a second compares).
 */
function readSharedString(b: Buffer, start: number, n: number, cache: Array<string | undefined>): number {
  let h = 0x811c9dc5;
  let i = start;
  for (; i < n; i++) {
    const c = b[i]!;
    if (c === QUOTE) break;
    if (c === BACKSLASH || c >= 0x80) {
      stringPlain = false;
      return readOwnString(b, start, n);
    }
    h = Math.imul(h ^ c, 0x01000193);
  }
  if (i >= n) return -1;
  stringPlain = true;
  const slot = (h ^ (h >>> 15)) & (STRING_SLOTS - 1);
  const cached = cache[slot];
  if (cached !== undefined && cached.length === i - start) {
    let k = 0;
    while (k < cached.length && cached.charCodeAt(k) === b[start + k]) k++;
    if (k === cached.length) {
      stringValue = cached;
      return i;
    }
  }
  stringValue = b.toString('latin1', start, i);
  cache[slot] = stringValue;
  return i;
}

/** Reads a string of its own (escapes and UTF-8 decoded as JSON.parse does). */
function readOwnString(b: Buffer, start: number, n: number): number {
  const end = stringEnd(b, start, n);
  if (end < 0) return -1;
  stringValue = stringFlags === 0 ? b.toString('latin1', start, end) : stringFlags === 2 ? b.toString('utf8', start, end) : (JSON.parse(b.toString('utf8', start - 1, end + 1)) as string);
  return end;
}

/**
 * The userIdentity object: parsed once per distinct text and shared by the records that carry
 * the same text (readers treat records as read-only).
 */
function sharedIdentity(b: Buffer, start: number, end: number): unknown {
  const slot = sampleHash(b, start, end) & (IDENTITY_SLOTS - 1);
  const known = identityBytes[slot];
  if (known !== undefined && known.length === end - start && b.compare(known, 0, known.length, start, end) === 0) {
    lastIdentityBytes = known;
    lastIdentity = identityValues[slot];
    return lastIdentity;
  }
  const value: unknown = JSON.parse(b.toString('utf8', start, end));
  identityBytes[slot] = lastIdentityBytes = Buffer.from(b.subarray(start, end));
  identityValues[slot] = lastIdentity = value;
  return value;
}

/** The identity read last: the next record's is most often the same text. */
let lastIdentityBytes: Buffer = Buffer.alloc(0);
let lastIdentity: unknown;

function setField(record: ScannedRecord, spec: FieldSpec, value: string | boolean): void {
  (record as unknown as Record<string, unknown>)[spec.name] = value;
}

/** Whether the bytes from `start` spell `text` (plain ASCII). */
function sameText(b: Uint8Array, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (b[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

function skipSpace(b: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Set by stringEnd: whether the string had an escape (1) or a non-ASCII byte (2). */
let stringFlags = 0;

/** The index of the closing quote of a string whose first character is at i; -1 if none. */
function stringEnd(b: Uint8Array, i: number, n: number): number {
  let flags = 0;
  while (i < n) {
    const c = b[i]!;
    if (c === QUOTE) {
      stringFlags = flags;
      return i;
    }
    if (c === BACKSLASH) {
      flags |= 1;
      i += 2;
      continue;
    }
    if (c >= 0x80) flags |= 2;
    i++;
  }
  return -1;
}

/** The index just after the value starting at i (string, object, array or literal); -1 if it never ends. */
function valueEnd(b: Uint8Array, i: number, n: number): number {
  const first = b[i];
  if (first === QUOTE) {
    const end = stringEnd(b, i + 1, n);
    return end < 0 ? -1 : end + 1;
  }
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (; i < n; i++) {
      const c = b[i]!;
      if (c === QUOTE) {
        i++;
        while (i < n && b[i] !== QUOTE) i += b[i] === BACKSLASH ? 2 : 1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) {
        return i + 1;
      }
    }
    return -1;
  }
  // A literal or a number: up to the next delimiter.
  const start = i;
  while (i < n) {
    const c = b[i]!;
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
    i++;
  }
  return i > start ? i : -1;
}

/** Scans the record starting at `start` ('{'); returns its end, or -1 if it must be parsed whole (or is broken). */
function scanRecord(b: Buffer, start: number, n: number, record: ScannedRecord, spans: number[]): number {
  let i = skipSpace(b, start + 1, n);
  if (b[i] === CLOSE_BRACE) return i + 1;
  record.spanStart = spans.length;
  for (;;) {
    if (b[i] !== QUOTE) return -1;
    const spec = fieldAt(b, i + 1, n);
    if (spec === undefined) return -1; // a field the scanner does not know (or an escaped name)
    i = skipSpace(b, i + 2 + spec.bytes.length, n);
    if (b[i] !== COLON) return -1;
    const valueStart = skipSpace(b, i + 1, n);
    const first = b[valueStart];
    let valueStop: number;
    switch (spec.kind) {
      case Kind.SharedString: {
        if (first !== QUOTE) return -1;
        // Most often the same value as in the record before (one comparison, no hashing).
        const last = spec.last;
        if (last !== undefined && b[valueStart + 1 + last.length] === QUOTE && sameText(b, valueStart + 1, last)) {
          setField(record, spec, last);
          valueStop = valueStart + 2 + last.length;
          break;
        }
        const end = readSharedString(b, valueStart + 1, n, spec.cache!);
        if (end < 0) return -1;
        setField(record, spec, stringValue);
        spec.last = stringPlain ? stringValue : undefined;
        valueStop = end + 1;
        break;
      }
      case Kind.OwnString: {
        if (first !== QUOTE) return -1;
        const end = readOwnString(b, valueStart + 1, n);
        if (end < 0) return -1;
        setField(record, spec, stringValue);
        valueStop = end + 1;
        break;
      }
      case Kind.Boolean:
        if (first === 0x74 && sameText(b, valueStart, 'true')) {
          setField(record, spec, true);
          valueStop = valueStart + 4;
        } else if (first === 0x66 && sameText(b, valueStart, 'false')) {
          setField(record, spec, false);
          valueStop = valueStart + 5;
        } else return -1;
        break;
      case Kind.Identity: {
        if (first !== OPEN_BRACE) return -1;
        // The same text as the identity before is the same complete object (JSON reads left to right).
        const last = lastIdentityBytes;
        if (last.length > 0 && valueStart + last.length <= n && b.compare(last, 0, last.length, valueStart, valueStart + last.length) === 0) {
          record.userIdentity = lastIdentity as CloudTrailEvent['userIdentity'];
          valueStop = valueStart + last.length;
          break;
        }
        valueStop = valueEnd(b, valueStart, n);
        if (valueStop < 0) return -1;
        record.userIdentity = sharedIdentity(b, valueStart, valueStop) as CloudTrailEvent['userIdentity'];
        break;
      }
      default:
        valueStop = valueEnd(b, valueStart, n);
        if (valueStop < 0) return -1;
        spans.push(spec.lazyIndex, valueStart, valueStop);
        record.spanCount++;
    }
    i = skipSpace(b, valueStop, n);
    const c = b[i];
    if (c === CLOSE_BRACE) return i + 1;
    if (c !== COMMA) return -1;
    i = skipSpace(b, i + 1, n);
  }
}

const RECORDS_KEY = Buffer.from('"Records"', 'latin1');

/**
 * The records of a CloudTrail delivery file, or undefined when the bytes are not one plain
 * `{"Records":[…]}` document of CloudTrail events (the caller then parses them the ordinary
 * way, which reports what is wrong). Records that use fields the scanner does not know are
 * returned as ordinary objects parsed by JSON.parse.
 */
export function scanCloudTrailFile(bytes: Buffer, onInvalid: ScannedFile['onInvalid']): Array<ScannedRecord | CloudTrailEvent> | undefined {
  const b = bytes;
  const n = b.length;
  let i = skipSpace(b, 0, n);
  if (b[i] !== OPEN_BRACE) return undefined;
  i = skipSpace(b, i + 1, n);
  if (i + RECORDS_KEY.length > n || b.compare(RECORDS_KEY, 0, RECORDS_KEY.length, i, i + RECORDS_KEY.length) !== 0) return undefined;
  i = skipSpace(b, i + RECORDS_KEY.length, n);
  if (b[i] !== COLON) return undefined;
  i = skipSpace(b, i + 1, n);
  if (b[i] !== OPEN_BRACKET) return undefined;
  i = skipSpace(b, i + 1, n);

  const file: ScannedFile = { bytes, spans: [], onInvalid };
  const records: Array<ScannedRecord | CloudTrailEvent> = [];
  if (b[i] !== CLOSE_BRACKET) {
    for (;;) {
      if (b[i] !== OPEN_BRACE) return undefined;
      const record = new ScannedRecord(file, i);
      let end = scanRecord(b, i, n, record, file.spans);
      let value: ScannedRecord | CloudTrailEvent = record;
      if (end < 0) {
        // Not a record the scanner reads: find its end and let JSON.parse read (or reject) it.
        end = valueEnd(b, i, n);
        if (end < 0) return undefined;
        try {
          value = JSON.parse(b.toString('utf8', i, end)) as CloudTrailEvent;
        } catch {
          return undefined;
        }
        file.spans.length = record.spanStart;
        if (value === null || typeof value !== 'object' || typeof value.eventTime !== 'string' || typeof value.eventName !== 'string') return undefined;
      } else {
        if (record.eventTime === undefined || record.eventName === undefined) return undefined;
        record.end = end;
      }
      records.push(value);
      i = skipSpace(b, end, n);
      if (b[i] === CLOSE_BRACKET) break;
      if (b[i] !== COMMA) return undefined;
      i = skipSpace(b, i + 1, n);
    }
  }
  i = skipSpace(b, i + 1, n);
  if (b[i] !== CLOSE_BRACE) return undefined;
  if (skipSpace(b, i + 1, n) !== n) return undefined;
  return records;
}
