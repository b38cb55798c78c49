import type { IpPermission, NetworkAclEntry } from '@aws-sdk/client-ec2';

/**
 * Port reasoning over security-group rules and network ACL entries, shared by the EC2 checks.
 * IpProtocol `-1` (or `all`) means every protocol and port; TCP/UDP rules carry a port range;
 * other protocols (ICMP …) carry no ports and never open a TCP/UDP port.
 */

export const WORLD_IPV4 = '0.0.0.0/0';
export const WORLD_IPV6 = '::/0';

function protocolName(protocol: string | undefined): string {
  switch (String(protocol ?? '').toLowerCase()) {
    case '-1':
    case 'all':
      return 'all';
    case '6':
    case 'tcp':
      return 'tcp';
    case '17':
    case 'udp':
      return 'udp';
    default:
      return String(protocol ?? '').toLowerCase();
  }
}

/** Whether a security-group permission covers `port` over `protocols` (tcp by default). */
export function permissionCoversPort(permission: IpPermission, port: number, protocols: string[] = ['tcp']): boolean {
  const protocol = protocolName(permission.IpProtocol);
  if (protocol === 'all') return true;
  if (!protocols.includes(protocol)) return false;
  // A tcp/udp rule without ports cannot be created; treat a missing bound as open-ended.
  const from = permission.FromPort ?? 0;
  const to = permission.ToPort ?? 65535;
  if (from === -1 && to === -1) return true;
  return from <= port && port <= to;
}

/** The world-open sources (0.0.0.0/0, ::/0) of a permission. */
export function worldSources(permission: IpPermission, families: Array<'ipv4' | 'ipv6'> = ['ipv4', 'ipv6']): string[] {
  const out: string[] = [];
  if (families.includes('ipv4')) for (const range of permission.IpRanges ?? []) if (range.CidrIp === WORLD_IPV4) out.push(WORLD_IPV4);
  if (families.includes('ipv6')) for (const range of permission.Ipv6Ranges ?? []) if (range.CidrIpv6 === WORLD_IPV6) out.push(WORLD_IPV6);
  return [...new Set(out)];
}

/** "tcp 0-65535", "all traffic", "tcp 22" — how a rule reads to a person. */
export function describePermission(permission: IpPermission): string {
  const protocol = protocolName(permission.IpProtocol);
  if (protocol === 'all') return 'all traffic (IpProtocol -1)';
  const from = permission.FromPort;
  const to = permission.ToPort;
  if (from === undefined || from === -1) return protocol;
  return from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
}

export interface OpenPort {
  port: number;
  source: string;
  rule: string;
}

/** Each (port, world source) pair that ingress rules open, for the given ports. */
export function openPorts(permissions: IpPermission[] | undefined, ports: number[], families: Array<'ipv4' | 'ipv6'> = ['ipv4', 'ipv6'], protocols: string[] = ['tcp']): OpenPort[] {
  const out: OpenPort[] = [];
  for (const permission of permissions ?? []) {
    const sources = worldSources(permission, families);
    if (sources.length === 0) continue;
    const protocol = protocolName(permission.IpProtocol);
    if (protocol !== 'all' && !protocols.includes(protocol)) continue;
    let rule: string | undefined;
    for (const port of ports) {
      if (!permissionCoversPort(permission, port, protocols)) continue;
      rule ??= describePermission(permission);
      for (const source of sources) out.push({ port, source, rule });
    }
  }
  return out;
}

export function summarize(open: OpenPort[]): string {
  return open.map((entry) => `port ${entry.port} from ${entry.source} (${entry.rule})`).join('; ');
}

/**
 * NACL ingress: rules are evaluated in ascending RuleNumber order and the first match decides.
 * Returns the allowing rule when traffic from the world to `port` would be allowed, else undefined.
 * A port is "reachable from the world" when the first rule matching 0.0.0.0/0 (resp. ::/0)
 * traffic to that port allows it.
 */
export function naclAllowsFromWorld(entries: NetworkAclEntry[] | undefined, port: number): NetworkAclEntry | undefined {
  const ingress = (entries ?? []).filter((entry) => entry.Egress !== true).sort((a, b) => (a.RuleNumber ?? 32767) - (b.RuleNumber ?? 32767));
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const entry of ingress) {
      const cidr = family === 'ipv4' ? entry.CidrBlock : entry.Ipv6CidrBlock;
      if (!cidr) continue;
      // Only a rule whose source covers the whole address space matches all world traffic.
      const coversWorld = cidr === (family === 'ipv4' ? WORLD_IPV4 : WORLD_IPV6);
      if (!coversWorld) continue;
      const protocol = protocolName(entry.Protocol);
      let matchesPort: boolean;
      if (protocol === 'all') matchesPort = true;
      else if (protocol === 'tcp') matchesPort = (entry.PortRange?.From ?? 0) <= port && port <= (entry.PortRange?.To ?? 65535);
      else matchesPort = false;
      if (!matchesPort) continue;
      if (entry.RuleAction === 'allow') return entry;
      break; // a deny for world traffic to this port decides
    }
  }
  return undefined;
}

/** Port ranges like "80,443,1020-1025" → [[80,80],[443,443],[1020,1025]]. */
export function parsePortRanges(items: string[] | undefined): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const item of items ?? []) {
    const [from, to] = item.split('-').map((part) => Number(part.trim()));
    if (from === undefined || !Number.isFinite(from)) continue;
    out.push([from, to !== undefined && Number.isFinite(to) ? to : from]);
  }
  return out;
}

/** Whether [from, to] lies wholly inside the union of the allowed ranges. */
export function rangeAuthorized(from: number, to: number, allowed: Array<[number, number]>): boolean {
  let next = from;
  const sorted = [...allowed].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start > next) break;
    if (end >= next) next = end + 1;
    if (next > to) return true;
  }
  return next > to;
}
