import type { FlowLogRecord, LogEvent } from '../../logs/types.ts';
import { refText } from '../event.ts';
import type { IntelMatch } from '../intel/index.ts';
import { isPrivateIp, isPublicIp } from '../intel/ranges.ts';
import type { Detector, DetectorContext, Hit } from '../types.ts';
import { Buckets, type BucketState } from './buckets.ts';
import { key, unkey, windowHit } from './window-hit.ts';

/**
 * VPC Flow Logs detections (GuardDuty's EC2 types from flow logs): SSH and RDP brute force,
 * probes of unprotected ports, port scans by an instance, mining-pool traffic, and traffic
 * with addresses from the threat intelligence (C&C, Tor, drop points, mining pools, other).
 * The instance side of a flow is the private address (or the one the v5 `flow-direction`
 * field names); the other side is the remote.
 */

const HOUR = 60 * 60_000;
const MINING_PORTS = new Set([3333, 3334, 3357, 4444, 5555, 5588, 6666, 7777, 8333, 9999, 14433, 14444, 20535, 20580, 45560, 45700]);
/** Ports GuardDuty-style probe detection watches: administration and data services. */
const SENSITIVE_PORTS = new Set([21, 22, 23, 445, 1433, 1521, 2375, 2376, 3306, 3389, 5432, 5900, 5985, 5986, 6379, 9200, 11211, 27017]);

interface Sides {
  local: string;
  remote: string;
  localPort: number;
  remotePort: number;
  inbound: boolean;
}

function sides(r: FlowLogRecord): Sides | undefined {
  const { srcAddr, dstAddr } = r;
  if (!srcAddr || !dstAddr || srcAddr === '-' || dstAddr === '-') return undefined;
  const srcPort = Number(r.srcPort ?? 0);
  const dstPort = Number(r.dstPort ?? 0);
  let inbound: boolean;
  if (r.flowDirection === 'ingress' || r.flowDirection === 'egress') inbound = r.flowDirection === 'ingress';
  else {
    // The interface's own address is the private one (VPC addresses are RFC 1918 / ULA).
    const srcPrivate = isPrivateIp(srcAddr);
    const dstPrivate = isPrivateIp(dstAddr);
    if (srcPrivate !== dstPrivate) inbound = dstPrivate;
    else inbound = dstPort < srcPort; // both private (or both not): the lower port is the service
  }
  return inbound
    ? { local: dstAddr, remote: srcAddr, localPort: dstPort, remotePort: srcPort, inbound }
    : { local: srcAddr, remote: dstAddr, localPort: srcPort, remotePort: dstPort, inbound };
}

export class NetworkDetector implements Detector {
  readonly id = 'network';
  readonly kinds = ['vpcflow'] as const;
  private readonly brute = new Buckets(HOUR);
  private readonly probes = new Buckets(24 * HOUR);
  private readonly scans = new Buckets(HOUR);

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'vpcflow') return;
    const r = event.record;
    const s = sides(r);
    if (!s) return;
    const time = (r.start ?? 0) * 1000;
    const id = refText(event.ref);
    const account = r.accountId ?? 'unknown';
    const resource = r.instanceId && r.instanceId !== '-' ? `instance:${r.instanceId}` : r.interfaceId && r.interfaceId !== '-' ? `eni:${r.interfaceId}` : `ip:${s.local}`;
    const accepted = r.action === 'ACCEPT';
    const tcp = r.protocol === 6;
    // Versions 2 and 3 carry no region: the delivery path names it (AWSLogs/<account>/vpcflowlogs/<region>/…).
    const region = typeof r.region === 'string' ? r.region : /\/vpcflowlogs\/([a-z0-9-]+)\//.exec(event.ref.file)?.[1];

    // Either end may be the listed one, whatever the direction guessed above.
    const intelRemote = ctx.intel.lookupIp(s.remote);
    const intelLocal = intelRemote ? undefined : ctx.intel.lookupIp(s.local);
    const intel = intelRemote ?? intelLocal;
    // Either half of a conversation with a stratum port (the pool's side) is mining traffic.
    const miningPort = tcp && MINING_PORTS.has(s.remotePort);
    if (intel && accepted && !(miningPort && intelRemote && intel.category === 'malicious')) {
      const oriented = intelRemote ? s : { ...s, local: s.remote, remote: s.local, localPort: s.remotePort, remotePort: s.localPort, inbound: !s.inbound };
      this.emitIntel(ctx, intel, oriented, account, region, resource, time, id);
    }

    // Stratum ports to a public or listed address: a miner talking to its pool.
    if (miningPort && !s.inbound && accepted && (isPublicIp(s.remote) || intelRemote) && intel?.category !== 'mining') {
      ctx.emit(this.hit('CryptoCurrency:EC2/BitcoinTool.B', account, region, resource, time, id, s.local, { remote: `${s.remote}:${s.remotePort}`, reason: 'mining-pool port' }));
    }
    if (tcp && (s.localPort === 22 || s.localPort === 3389) && s.inbound) {
      this.brute.add(key('in', account, resource, s.remote, String(s.localPort)), time, id, undefined, { region: region ?? '' });
    }
    if (tcp && (s.remotePort === 22 || s.remotePort === 3389) && !s.inbound) {
      this.brute.add(key('out', account, resource, s.remote, String(s.remotePort)), time, id, undefined, { region: region ?? '' });
    }
    if (s.inbound && accepted && isPublicIp(s.remote) && SENSITIVE_PORTS.has(s.localPort)) {
      this.probes.add(key(account, resource, String(s.localPort)), time, id, s.remote, { region: region ?? '', known: intel ? s.remote : undefined });
    }
    // The initiator of a connection is the side on the higher (ephemeral) port; a scanner is an
    // initiator of ours reaching many distinct service ports.
    const srcPort = Number(r.srcPort ?? 0);
    const dstPort = Number(r.dstPort ?? 0);
    const initiator = srcPort >= dstPort ? r.srcAddr! : r.dstAddr!;
    // Keyed by the initiator, not the interface: a scan inside a VPC is logged on both ends.
    if (initiator === s.local || !isPublicIp(initiator)) {
      this.scans.add(key(account, initiator), time, id, String(Math.min(srcPort, dstPort)), { region: region ?? '', resource });
    }
  }

  private hit(type: string, account: string, region: string | undefined, resource: string, time: number, id: string, actor: string, details: Record<string, unknown>, severity?: Hit['severity']): Hit {
    return { type, account, region: region ?? 'unknown', actor, resource: resourceRef(resource), time, eventId: id, details, severity };
  }

  private emitIntel(ctx: DetectorContext, intel: IntelMatch, s: Sides, account: string, region: string | undefined, resource: string, time: number, id: string): void {
    const type =
      intel.category === 'c2' ? 'Backdoor:EC2/C&CActivity.B'
      : intel.category === 'mining' ? 'CryptoCurrency:EC2/BitcoinTool.B'
      : intel.category === 'droppoint' ? 'Trojan:EC2/DropPoint'
      : intel.category === 'tor' && !s.inbound ? 'UnauthorizedAccess:EC2/TorClient'
      : 'UnauthorizedAccess:EC2/MaliciousIPCaller.Custom';
    ctx.emit(this.hit(type, account, region, resource, time, id, s.remote, { remote: s.remote, direction: s.inbound ? 'inbound' : 'outbound', indicator: intel.indicator, intel: intel.source }));
  }

  state(): unknown {
    return { brute: this.brute.state(), probes: this.probes.state(), scans: this.scans.state() };
  }

  merge(state: unknown): void {
    const s = state as Record<'brute' | 'probes' | 'scans', BucketState>;
    this.brute.merge(s.brute);
    this.probes.merge(s.probes);
    this.scans.merge(s.scans);
  }

  finish(ctx: DetectorContext): void {
    for (const { key: k, window } of this.brute.bestWindows()) {
      const [direction, account, resource, remote, port] = unkey(k);
      const ssh = port === '22';
      if (window.count < ctx.threshold(ssh ? 'sshBruteForce' : 'rdpBruteForce', 20)) continue;
      ctx.emit(
        windowHit(window, {
          type: ssh ? 'UnauthorizedAccess:EC2/SSHBruteForce' : 'UnauthorizedAccess:EC2/RDPBruteForce',
          account: account!, region: window.meta.region || 'unknown', actor: direction === 'in' ? remote! : resource!,
          resource: resourceRef(resource!),
          // Outbound brute force means the instance is compromised and attacking others.
          severity: direction === 'out' ? 'HIGH' : undefined,
          details: { direction: direction === 'in' ? 'inbound' : 'outbound', remote, connections: window.count },
        }),
      );
    }
    for (const { key: k, window } of this.probes.bestWindows()) {
      const [account, resource, port] = unkey(k);
      if (window.distinct.length < ctx.threshold('portProbeSources', 5) && !window.meta.known) continue;
      ctx.emit(
        windowHit(window, {
          type: 'Recon:EC2/PortProbeUnprotectedPort', account: account!, region: window.meta.region || 'unknown', actor: window.meta.known ?? window.distinct[0] ?? 'unknown',
          resource: resourceRef(resource!),
          details: { port: Number(port), remoteSources: window.distinct.slice(0, 20), distinctSources: window.distinct.length },
        }),
      );
    }
    for (const { key: k, window } of this.scans.bestWindows()) {
      const [account, initiator] = unkey(k);
      if (window.distinct.length < ctx.threshold('portscanPorts', 50)) continue;
      ctx.emit(
        windowHit(window, {
          type: 'Recon:EC2/Portscan', account: account!, region: window.meta.region || 'unknown', actor: initiator!,
          resource: resourceRef(window.meta.resource ?? `ip:${initiator}`),
          details: { distinctPorts: window.distinct.length, samplePorts: window.distinct.slice(0, 20) },
        }),
      );
    }
  }
}

function resourceRef(resource: string): Hit['resource'] {
  const [kind, id] = [resource.slice(0, resource.indexOf(':')), resource.slice(resource.indexOf(':') + 1)];
  if (kind === 'instance') return { type: 'AWS::EC2::Instance', id };
  if (kind === 'eni') return { type: 'AWS::EC2::NetworkInterface', id };
  return { type: 'AWS::EC2::Instance', id };
}
