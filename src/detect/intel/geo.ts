import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Reader } from 'mmdb-lib';
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

let v4Table: { starts: Uint32Array; ends: Uint32Array; asns: Uint32Array } | undefined;
let v6Table: RangeTable<number> | undefined;
const orgs = new Map<number, string>();
let countryReader: Reader<any> | undefined;
const cache = new Map<string, { asn?: AsnInfo; country?: string }>();
const CACHE_LIMIT = 20_000;

function dataFile(pkg: string, file: string): string {
  return require.resolve(`${pkg}/${file}`);
}

/** Reads `start,end,asn,"org"` lines of the numeric CSV into typed arrays (IPv4). */
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
  v4Table = { starts: share(table.starts), ends: share(table.ends), asns: share(table.asns) };
  return v4Table;
}

export function useAsnTable(table: AsnTable): void {
  v4Table ??= table;
}

function loadV4(): AsnTable {
  if (v4Table) return v4Table;
  const text = readFileSync(dataFile('@ip-location-db/asn', 'asn-ipv4-num.csv'), 'utf8');
  const lines = text.split('\n');
  const starts = new Uint32Array(lines.length);
  const ends = new Uint32Array(lines.length);
  const asns = new Uint32Array(lines.length);
  let n = 0;
  for (const line of lines) {
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) continue;
    starts[n] = Number(line.slice(0, c1));
    ends[n] = Number(line.slice(c1 + 1, c2));
    const asn = Number(line.slice(c2 + 1, c3));
    asns[n] = asn;
    if (!orgs.has(asn)) orgs.set(asn, line.slice(c3 + 1).replace(/^"|"$/g, '').replace(/""/g, '"'));
    n++;
  }
  // The file is sorted by start already.
  v4Table = { starts: starts.subarray(0, n), ends: ends.subarray(0, n), asns: asns.subarray(0, n) };
  return v4Table;
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
    if (!orgs.has(asn)) orgs.set(asn, parts.slice(3).join(',').replace(/^"|"$/g, ''));
  }
  v6Table = table;
  return table;
}

function lookupAsn(text: string): AsnInfo | undefined {
  const addr = parseIp(text);
  if (!addr || addr.range() !== 'unicast') return undefined;
  let asn: number | undefined;
  if (addr.kind() === 'ipv4') {
    const ip = v4Number(addr as never);
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
    if (at >= 0 && ends[at]! >= ip) asn = asns[at];
  } else {
    asn = loadV6().lookup(text);
  }
  return asn === undefined ? undefined : { asn, org: orgs.get(asn) ?? '' };
}

function lookupCountry(text: string): string | undefined {
  const addr = parseIp(text);
  if (!addr || addr.range() !== 'unicast') return undefined;
  countryReader ??= new Reader(readFileSync(dataFile('@ip-location-db/geolite2-country-mmdb', 'geolite2-country.mmdb')));
  try {
    const record = countryReader!.get(addr.toString()) as { country_code?: string; country?: { iso_code?: string } } | null;
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
  const entry = cached(ip);
  if (!('asn' in entry)) entry.asn = lookupAsn(ip);
  return entry.asn;
}

export function countryOf(ip: string): string | undefined {
  const entry = cached(ip);
  if (!('country' in entry)) entry.country = lookupCountry(ip);
  return entry.country;
}

/** True when the address is announced by one of Amazon's autonomous systems. */
export function isAwsIp(ip: string): boolean {
  const info = asnOf(ip);
  return info !== undefined && (AWS_ASNS.has(info.asn) || /^amazon(\.com| data services| technologies)/i.test(info.org));
}
