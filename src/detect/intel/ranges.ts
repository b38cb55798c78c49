import ipaddr from 'ipaddr.js';
import { parseIp } from '../sigma/values.ts';

/**
 * IP ranges with a value each, looked up by binary search over sorted starts. Ranges may nest
 * (a /16 and a /32 inside it): the smallest range containing the address wins. IPv4 keys are
 * numbers, IPv6 keys BigInts; IPv4-mapped IPv6 addresses are looked up as IPv4.
 */
export class RangeTable<T> {
  private v4: Array<{ start: number; end: number; value: T }> = [];
  private v6: Array<{ start: bigint; end: bigint; value: T }> = [];
  private v4Max: number[] = [];
  private v6Max: bigint[] = [];
  private sorted = true;

  get size(): number {
    return this.v4.length + this.v6.length;
  }

  /** Adds an address or CIDR; returns false when the text is neither. */
  add(text: string, value: T): boolean {
    const trimmed = text.trim();
    let addr: ipaddr.IPv4 | ipaddr.IPv6 | undefined;
    let bits: number | undefined;
    if (trimmed.includes('/')) {
      try {
        [addr, bits] = ipaddr.parseCIDR(trimmed);
      } catch {
        return false;
      }
    } else {
      addr = parseIp(trimmed);
      if (!addr) return false;
    }
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      addr = (addr as ipaddr.IPv6).toIPv4Address();
      if (bits !== undefined) bits = Math.max(0, bits - 96);
    }
    this.sorted = false;
    if (addr.kind() === 'ipv4') {
      const b = bits ?? 32;
      const base = v4Number(addr as ipaddr.IPv4);
      const size = 2 ** (32 - b);
      const start = Math.floor(base / size) * size;
      this.v4.push({ start, end: start + size - 1, value });
    } else {
      const b = BigInt(bits ?? 128);
      const base = v6BigInt(addr as ipaddr.IPv6);
      const size = 1n << (128n - b);
      const start = (base / size) * size;
      this.v6.push({ start, end: start + size - 1n, value });
    }
    return true;
  }

  addV4Range(start: number, end: number, value: T): void {
    this.sorted = false;
    this.v4.push({ start, end, value });
  }

  addV6Range(start: bigint, end: bigint, value: T): void {
    this.sorted = false;
    this.v6.push({ start, end, value });
  }

  private sort(): void {
    if (this.sorted) return;
    this.v4.sort((a, b) => a.start - b.start || b.end - a.end);
    this.v6.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : 1));
    let max = -1;
    this.v4Max = this.v4.map((r) => (max = Math.max(max, r.end)));
    let maxBig = -1n;
    this.v6Max = this.v6.map((r) => (maxBig = r.end > maxBig ? r.end : maxBig));
    this.sorted = true;
  }

  lookup(text: string): T | undefined {
    const addr = parseIp(text);
    if (!addr) return undefined;
    this.sort();
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return this.lookupV4(v4Number((addr as ipaddr.IPv6).toIPv4Address()));
    return addr.kind() === 'ipv4' ? this.lookupV4(v4Number(addr as ipaddr.IPv4)) : this.lookupV6(v6BigInt(addr as ipaddr.IPv6));
  }

  lookupV4(ip: number): T | undefined {
    this.sort();
    const list = this.v4;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= ip) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best: { start: number; end: number; value: T } | undefined;
    for (let i = at; i >= 0 && this.v4Max[i]! >= ip; i--) {
      const r = list[i]!;
      if (r.end >= ip && (!best || r.end - r.start < best.end - best.start)) best = r;
    }
    return best?.value;
  }

  private lookupV6(ip: bigint): T | undefined {
    const list = this.v6;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start <= ip) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best: { start: bigint; end: bigint; value: T } | undefined;
    for (let i = at; i >= 0 && this.v6Max[i]! >= ip; i--) {
      const r = list[i]!;
      if (r.end >= ip && (!best || r.end - r.start < best.end - best.start)) best = r;
    }
    return best?.value;
  }
}

export function v4Number(addr: ipaddr.IPv4): number {
  const [a, b, c, d] = addr.octets;
  return ((a! << 24) >>> 0) + (b! << 16) + (c! << 8) + d!;
}

export function v6BigInt(addr: ipaddr.IPv6): bigint {
  let n = 0n;
  for (const part of addr.parts) n = (n << 16n) | BigInt(part);
  return n;
}

/** Public (globally routable) unicast addresses: only these have a meaningful ASN or country. */
export function isPublicIp(text: string): boolean {
  const addr = parseIp(text);
  if (!addr) return false;
  return addr.range() === 'unicast';
}

const PRIVATE_RANGES = new Set(['private', 'uniqueLocal', 'linkLocal', 'carrierGradeNat', 'loopback']);

/** Addresses a VPC interface can have as its own (RFC 1918, ULA, CGNAT, link-local). */
export function isPrivateIp(text: string): boolean {
  const addr = parseIp(text);
  return addr !== undefined && PRIVATE_RANGES.has(addr.range());
}
