import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Reader } from 'mmdb-lib';
import { cacheDir, statOf } from '../../core/cache-dir.ts';
import { parseIp } from '../sigma/values.ts';
import { RangeTable, v4Number } from './ranges.ts';

/**
 * Offline IP → ASN and country, from the data files that ship inside the `@ip-location-db`
 * packages (nothing is downloaded). Each table is loaded once, lazily, on the first lookup
 * that needs it, and lookups are cached per address.
 */

/** Autonomous systems that announce Amazon's (and so AWS's) address space. */
export const AWS_ASNS: ReadonlySet<number> = new Set([16509, 14618, 8987, 7224, 38895, 39111, 9059, 10124, 17493, 58588, 62785, 135630, 21664, 801]);

export interface AsnInfo {
  asn: number;
  org: string;
}

const require = createRequire(import.meta.url);

/** IPv4 ranges and their ASNs, and the ASNs registered to Amazon (their names are not kept in workers). */
let v4Table: { starts: Uint32Array; ends: Uint32Array; asns: Uint32Array; amazon: Uint32Array } | undefined;
let v6Table: RangeTable<number> | undefined;
const orgs = new Map<number, string>();
let countryReader: Reader<any> | undefined;
const cache = new Map<string, { asn?: AsnInfo; country?: string }>();
const CACHE_LIMIT = 20_000;

function dataFile(pkg: string, file: string): string {
  return require.resolve(`${pkg}/${file}`);
}

/** The IPv4 ranges (sorted by start), their ASNs, and the ASNs registered to Amazon. */
export type AsnTable = NonNullable<typeof v4Table>;

/**
 * The IPv4 ASN table in shared memory, for worker threads: the main thread parses the CSV
 * once and every worker reads the same arrays (`useAsnTable`) instead of parsing it again.
 */
export function sharedAsnTable(): AsnTable {
  const table = loadV4();
  const share = (array: Uint32Array) => {
    const shared = new Uint32Array(new SharedArrayBuffer(array.byteLength));
    shared.set(array);
    return shared;
  };
  if (table.starts.buffer instanceof SharedArrayBuffer) return table;
  v4Table = { starts: share(table.starts), ends: share(table.ends), asns: share(table.asns), amazon: table.amazon };
  return v4Table;
}

export function useAsnTable(table: AsnTable): void {
  if (v4Table) return;
  v4Table = table;
  for (const asn of table.amazon) amazonAsns.add(asn);
}

/** ASNs whose registered name is Amazon's (besides the listed AWS_ASNS). */
const amazonAsns = new Set<number>();
const AMAZON_NAME = /^amazon(\.com| data services| technologies)/i;

/** Records an ASN's registered name (callers check `orgs` first, before building the name). */
function noteOrg(asn: number, org: string): void {
  orgs.set(asn, org);
  if (AMAZON_NAME.test(org)) amazonAsns.add(asn);
}

function loadV4(): AsnTable {
  if (v4Table) return v4Table;
  const csv = dataFile('@ip-location-db/asn', 'asn-ipv4-num.csv');
  const cacheFile = asnCacheFile(csv);
  const cached = cacheFile ? readAsnCache(cacheFile) : undefined;
  if (cached) return (v4Table = cached);
  v4Table = parseAsnCsv(csv);
  if (cacheFile) writeAsnCache(cacheFile, v4Table);
  return v4Table;
}

/** Reads the numeric CSV's `start,end,asn,"org"` lines into typed arrays, and the names into `orgs`. */
function parseAsnCsv(csv: string): AsnTable {
  // Read as bytes: the CSV is 21 MB of ASCII, and neither a string of it nor 400,000 line
  // strings are needed (every thread would carry them until a full GC).
  const bytes = readFileSync(csv);
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) lines++;
  const starts = new Uint32Array(lines + 1);
  const ends = new Uint32Array(lines + 1);
  const asns = new Uint32Array(lines + 1);
  let n = 0;
  let at = 0;
  while (at < bytes.length) {
    let newline = bytes.indexOf(0x0a, at);
    if (newline < 0) newline = bytes.length;
    // start,end,asn,"org"
    const start = decimalAt(bytes, at, newline);
    const end = start.next < newline ? decimalAt(bytes, start.next + 1, newline) : undefined;
    const asn = end && end.next < newline ? decimalAt(bytes, end.next + 1, newline) : undefined;
    if (asn && end && start.digits > 0 && end.digits > 0 && asn.digits > 0 && bytes[asn.next] === 0x2c) {
      starts[n] = start.value;
      ends[n] = end.value;
      asns[n] = asn.value;
      if (!orgs.has(asn.value)) noteOrg(asn.value, bytes.toString('utf8', asn.next + 1, newline).replace(/^"|"$/g, '').replace(/""/g, '"'));
      n++;
    }
    at = newline + 1;
  }
  // The file is sorted by start already.
  return { starts: starts.subarray(0, n), ends: ends.subarray(0, n), asns: asns.subarray(0, n), amazon: Uint32Array.from(amazonAsns) };
}

/**
 * The parsed table in binary form, in Vigil's cache folder: parsing the 21 MB CSV takes
 * ~170 ms of every detection run, reading this file ~10 ms. Named after the CSV's path,
 * size and time, so a new version of the package makes a new file. Layout (little-endian
 * uint32): magic, format, n ranges, m Amazon ASNs, names byte length, then starts[n],
 * ends[n], asns[n], amazon[m], then the names as UTF-8 `asn<TAB>name` lines.
 */
const ASN_CACHE_MAGIC = 0x4e534156; // "VASN"
const ASN_CACHE_FORMAT = 1;
const ASN_CACHE_HEADER = 5;

function asnCacheFile(csv: string): string | undefined {
  const dir = cacheDir();
  const info = statOf(csv);
  if (!dir || !info) return undefined;
  const key = createHash('sha1').update(`${ASN_CACHE_FORMAT}\0${csv}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 16);
  return join(dir, `asn-ipv4-${key}.bin`);
}

/** The table from the cache file; undefined when there is none or it is not whole. The names are decoded on first use. */
function readAsnCache(file: string): AsnTable | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < ASN_CACHE_HEADER * 4 || bytes.byteOffset % 4 !== 0) return undefined;
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, ASN_CACHE_HEADER);
  const [magic, format, n, m, namesLength] = header as unknown as [number, number, number, number, number];
  const numbers = ASN_CACHE_HEADER + 3 * n + m;
  if (magic !== ASN_CACHE_MAGIC || format !== ASN_CACHE_FORMAT || bytes.length !== numbers * 4 + namesLength) return undefined;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, numbers);
  let at = ASN_CACHE_HEADER;
  const take = (count: number) => words.slice(at, (at += count));
  const table = { starts: take(n), ends: take(n), asns: take(n), amazon: take(m) };
  for (const asn of table.amazon) amazonAsns.add(asn);
  pendingNames = bytes.subarray(numbers * 4);
  return table;
}

function writeAsnCache(file: string, table: AsnTable): void {
  const names = Buffer.from([...orgs].map(([asn, org]) => `${asn}\t${org.replace(/[\t\n]/g, ' ')}\n`).join(''), 'utf8');
  const n = table.starts.length;
  const m = table.amazon.length;
  const words = new Uint32Array(ASN_CACHE_HEADER + 3 * n + m);
  words.set([ASN_CACHE_MAGIC, ASN_CACHE_FORMAT, n, m, names.length]);
  words.set(table.starts, ASN_CACHE_HEADER);
  words.set(table.ends, ASN_CACHE_HEADER + n);
  words.set(table.asns, ASN_CACHE_HEADER + 2 * n);
  words.set(table.amazon, ASN_CACHE_HEADER + 3 * n);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([Buffer.from(words.buffer), names]));
    // Another process reads the old file or the new one, never half of one.
    renameSync(temp, file);
  } catch {
    // No cache this time: the next run parses the CSV again.
    rmSync(temp, { force: true });
  }
}

/** The cached names (`asn<TAB>name` lines) until the first name is asked for. */
let pendingNames: Buffer | undefined;

/** An ASN's registered name ('' when unknown). */
function orgOf(asn: number): string {
  if (pendingNames) {
    const text = pendingNames.toString('utf8');
    pendingNames = undefined;
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) orgs.set(Number(line.slice(0, tab)), line.slice(tab + 1));
    }
  }
  return orgs.get(asn) ?? '';
}

/** The decimal number at `from` (up to a non-digit or `limit`), its digit count and where it stops. */
function decimalAt(bytes: Buffer, from: number, limit: number): { value: number; digits: number; next: number } {
  let value = 0;
  let i = from;
  for (; i < limit; i++) {
    const d = bytes[i]! - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  return { value, digits: i - from, next: i };
}

function loadV6(): RangeTable<number> {
  if (v6Table) return v6Table;
  const table = new RangeTable<number>();
  const text = readFileSync(dataFile('@ip-location-db/asn', 'asn-ipv6-num.csv'), 'utf8');
  for (const line of text.split('\n')) {
    const parts = line.split(',');
    if (parts.length < 4) continue;
    const asn = Number(parts[2]);
    table.addV6Range(BigInt(parts[0]!), BigInt(parts[1]!), asn);
    if (!orgs.has(asn)) noteOrg(asn, parts.slice(3).join(',').replace(/^"|"$/g, ''));
  }
  v6Table = table;
  return table;
}

function lookupAsn(text: string): AsnInfo | undefined {
  const addr = parseIp(text);
  if (!addr || addr.range() !== 'unicast') return undefined;
  if (addr.kind() === 'ipv4') return asnOfV4(v4Number(addr as never));
  return infoOf(loadV6().lookup(text));
}

/** One AsnInfo per ASN, shared by every lookup (no allocation per event). */
const infos = new Map<number, AsnInfo>();
function infoOf(asn: number | undefined): AsnInfo | undefined {
  if (asn === undefined) return undefined;
  let info = infos.get(asn);
  if (!info) {
    info = { asn, org: orgOf(asn) };
    infos.set(asn, info);
  }
  return info;
}

/**
 * Per /24 block of IPv4 space, what every address in it shares: whether it is public
 * unicast, its ASN and its country, each filled when the data says the whole block agrees
 * (IANA's special ranges are all /24 or wider; an ASN range or a country network that covers
 * the block). Most CloudTrail callers sit in a few blocks, so a lookup is one Map access.
 * null = known to be none; a missing entry = not uniform or not looked at yet.
 */
const BLOCK_LIMIT = 200_000;
const blockUnicast = new Map<number, boolean>();
const blockAsn = new Map<number, AsnInfo | null>();
const blockCountry = new Map<number, string | null>();

function bounded<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= BLOCK_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

/** A dotted-decimal IPv4 address (octets of 1-3 digits, zero padding read as decimal) as a number; -1 otherwise. */
export function parseV4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

function dotted(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

function isUnicastV4(ip: number): boolean {
  const block = ip >>> 8;
  const known = blockUnicast.get(block);
  if (known !== undefined) return known;
  return bounded(blockUnicast, block, parseIp(dotted(ip))!.range() === 'unicast');
}

function asnOfV4(ip: number): AsnInfo | undefined {
  const block = ip >>> 8;
  const known = blockAsn.get(block);
  if (known !== undefined) return known ?? undefined;
  if (!isUnicastV4(ip)) return bounded(blockAsn, block, null) ?? undefined;
  const { starts, ends, asns } = loadV4();
  let lo = 0;
  let hi = starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= ip) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const low = block * 256;
  const high = low + 255;
  const info = at >= 0 && ends[at]! >= ip ? infoOf(asns[at]) : undefined;
  if (info && starts[at]! <= low && ends[at]! >= high) blockAsn.set(block, info);
  else if (!info && (at < 0 || ends[at]! < low) && (at + 1 >= starts.length || starts[at + 1]! > high)) bounded(blockAsn, block, null);
  return info;
}

function countryReaderOf(): Reader<any> {
  countryReader ??= new Reader(readFileSync(dataFile('@ip-location-db/geolite2-country-mmdb', 'geolite2-country.mmdb')));
  return countryReader;
}

type CountryRecord = { country_code?: string; country?: { iso_code?: string } } | null;

function countryOfV4(ip: number): string | undefined {
  const block = ip >>> 8;
  const known = blockCountry.get(block);
  if (known !== undefined) return known ?? undefined;
  if (!isUnicastV4(ip)) return bounded(blockCountry, block, null) ?? undefined;
  let country: string | undefined;
  let prefix = 32;
  try {
    const [record, length] = countryReaderOf().getWithPrefixLength(dotted(ip)) as [CountryRecord, number];
    country = record?.country_code ?? record?.country?.iso_code;
    prefix = length;
  } catch {
    return undefined;
  }
  // The tree's answer holds for the whole network it ends in: cache it for the block when that network covers it.
  if (prefix <= 24) bounded(blockCountry, block, country ?? null);
  return country;
}

function lookupCountry(text: string): string | undefined {
  const addr = parseIp(text);
  if (!addr || addr.range() !== 'unicast') return undefined;
  if (addr.kind() === 'ipv4') return countryOfV4(v4Number(addr as never));
  try {
    const record = countryReaderOf().get(addr.toString()) as CountryRecord;
    return record?.country_code ?? record?.country?.iso_code;
  } catch {
    return undefined;
  }
}

function cached(ip: string) {
  let entry = cache.get(ip);
  if (!entry) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    entry = {};
    cache.set(ip, entry);
  }
  return entry;
}

export function asnOf(ip: string): AsnInfo | undefined {
  const v4 = parseV4(ip);
  if (v4 >= 0) return asnOfV4(v4);
  const entry = cached(ip);
  if (!('asn' in entry)) entry.asn = lookupAsn(ip);
  return entry.asn;
}

export function countryOf(ip: string): string | undefined {
  const v4 = parseV4(ip);
  if (v4 >= 0) {
    // Blocks the tree splits finer than /24 are cached per address.
    const country = countryOfV4Cached(ip, v4);
    return country;
  }
  const entry = cached(ip);
  if (!('country' in entry)) entry.country = lookupCountry(ip);
  return entry.country;
}

function countryOfV4Cached(ip: string, v4: number): string | undefined {
  const known = blockCountry.get(v4 >>> 8);
  if (known !== undefined) return known ?? undefined;
  const entry = cached(ip);
  if (!('country' in entry)) entry.country = countryOfV4(v4);
  return entry.country;
}

/** True when the address is announced by one of Amazon's autonomous systems. */
export function isAwsIp(ip: string): boolean {
  const info = asnOf(ip);
  if (info === undefined) return false;
  return AWS_ASNS.has(info.asn) || amazonAsns.has(info.asn);
}
