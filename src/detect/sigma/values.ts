import ipaddr from 'ipaddr.js';

/**
 * Value matchers for Sigma's field modifiers. Each compiles one Sigma value (after the
 * modifier chain) to a predicate over one event value. Sigma matches strings
 * case-insensitively unless the `cased` modifier is given; regular expressions are
 * case-sensitive unless `re|i`.
 */

export type ValuePredicate = (value: unknown) => boolean;

/** Why a rule cannot be compiled: reported with the file, never thrown past the loader. */
export class SigmaError extends Error {
  override name = 'SigmaError';
}

/** The event value as Sigma compares it: scalars as strings, everything else absent. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Compiles a Sigma string with `*` and `?` wildcards (`\` escapes them) into the fastest
 * predicate that decides it: equality, prefix, suffix, substring, or a regular expression.
 */
export function wildcardMatcher(pattern: string, cased: boolean): (text: string) => boolean {
  const parts: Array<{ literal: string } | { wild: '*' | '?' }> = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length && '*?\\'.includes(pattern[i + 1]!)) {
      literal += pattern[++i];
    } else if (c === '*' || c === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ wild: c });
    } else {
      literal += c;
    }
  }
  if (literal) parts.push({ literal });
  const norm = (s: string) => (cased ? s : s.toLowerCase());
  const lit = (p: (typeof parts)[number] | undefined) => (p && 'literal' in p ? norm(p.literal) : undefined);
  const isStar = (p: (typeof parts)[number] | undefined) => p !== undefined && 'wild' in p && p.wild === '*';

  if (parts.length === 0) return (text) => text === '';
  if (parts.length === 1 && lit(parts[0]) !== undefined) {
    const want = lit(parts[0])!;
    return (text) => norm(text) === want;
  }
  if (parts.length === 1 && isStar(parts[0])) return () => true;
  if (parts.length === 2 && lit(parts[0]) !== undefined && isStar(parts[1])) {
    const want = lit(parts[0])!;
    return (text) => norm(text).startsWith(want);
  }
  if (parts.length === 2 && isStar(parts[0]) && lit(parts[1]) !== undefined) {
    const want = lit(parts[1])!;
    return (text) => norm(text).endsWith(want);
  }
  if (parts.length === 3 && isStar(parts[0]) && lit(parts[1]) !== undefined && isStar(parts[2])) {
    const want = lit(parts[1])!;
    return (text) => norm(text).includes(want);
  }
  const source = parts
    .map((p) => ('literal' in p ? escapeRegExp(p.literal) : p.wild === '*' ? '[\\s\\S]*' : '[\\s\\S]'))
    .join('');
  const regex = new RegExp(`^${source}$`, cased ? '' : 'i');
  return (text) => regex.test(text);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Sigma `windash`: a leading dash of a command-line flag may be any of these. */
const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

export function windashVariants(value: string): string[] {
  if (!/(^|\s)-/.test(value)) return [value];
  const out = new Set<string>();
  for (const dash of DASHES) out.add(value.replace(/(^|\s)-/g, `$1${dash}`));
  return [...out];
}

/** Sigma `base64offset`: the three encodings of a value at byte offsets 0, 1, 2 of a longer text. */
export function base64OffsetVariants(value: Buffer): string[] {
  const starts = [0, 2, 3];
  const ends = [0, -3, -2];
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset, 0x20), value]);
    let encoded = padded.toString('base64');
    encoded = encoded.slice(starts[offset]);
    const end = ends[(value.length + offset) % 3]!;
    encoded = end === 0 ? encoded.replace(/=+$/, '') : encoded.slice(0, end);
    out.push(encoded);
  }
  return out;
}

export function encodeText(value: string, encoding: 'utf8' | 'utf16le' | 'utf16be'): Buffer {
  if (encoding === 'utf16be') {
    const le = Buffer.from(value, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
  }
  return Buffer.from(value, encoding);
}

/** CIDR membership for the `cidr` modifier (IPv4 and IPv6). */
export function cidrPredicate(cidr: string): (text: string) => boolean {
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    range = ipaddr.parseCIDR(cidr);
  } catch {
    throw new SigmaError(`invalid CIDR "${cidr}"`);
  }
  const kind = range[0].kind();
  return (text) => {
    const ip = parseIp(text);
    if (!ip) return false;
    const addr = ip.kind() === kind ? ip : ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : undefined;
    return addr !== undefined && addr.kind() === kind && addr.match(range);
  };
}

/** Parses an IP address leniently (IPv4 in dotted-decimal, IPv6, IPv4-mapped); undefined when not an IP. */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!text || text.length > 45) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  // CloudTrail can carry zero-padded octets ("075.050.255.67"); read them as decimal.
  const padded = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (padded) {
    const octets = padded.slice(1).map(Number);
    if (octets.every((o) => o <= 255)) return new ipaddr.IPv4(octets);
  }
  return undefined;
}
