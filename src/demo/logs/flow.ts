import { DAY_MS, DEMO_DAYS, DEMO_START, IPS, ACCOUNTS, type DemoOrg, type Instance, type Network } from '../org.ts';
import type { Prng } from '../prng.ts';
import type { FlowLine } from './write.ts';

/**
 * Benign VPC Flow Logs (version 2 default format): web clients reaching the load balancer, the
 * load balancer and app servers talking to each other and to the database, instances calling
 * AWS endpoints and package registries, admins reaching the bastion over SSH from the office.
 * Each conversation is logged in both directions, in 10-minute capture windows.
 */

const WINDOW = 600;
const TCP = 6;

/** AWS service endpoints the instances talk to (S3, DynamoDB, STS, KMS in us-east-1 and eu-west-1). */
const AWS_ENDPOINTS: Record<string, string[]> = {
  'us-east-1': ['52.216.8.12', '52.217.44.30', '3.5.0.10', '52.94.0.28', '52.46.130.5'],
  'eu-west-1': ['52.218.20.7', '3.5.64.12', '52.94.25.9', '52.95.120.4'],
};
const PACKAGE_HOSTS = ['140.82.112.3', '140.82.113.4', '151.101.1.69', '151.101.65.69'];

/** A stable pool of client addresses in US residential ranges (the site's visitors). */
function clientPool(rng: Prng): string[] {
  const prefixes = ['73.162', '98.113', '71.192'];
  return Array.from({ length: 60 }, () => `${rng.pick(prefixes)}.${rng.int(1, 254)}.${rng.int(1, 254)}`);
}

export interface FlowContext {
  org: DemoOrg;
  rng: Prng;
}

export function flowLine(account: string, eni: string, src: string, dst: string, srcPort: number, dstPort: number, protocol: number, packets: number, bytes: number, start: number, end: number, action: 'ACCEPT' | 'REJECT'): string {
  return `2 ${account} ${eni} ${src} ${dst} ${srcPort} ${dstPort} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} OK`;
}

/** Both directions of one TCP conversation, as seen by one interface. */
export function conversation(n: Network, eni: string, client: string, server: string, clientPort: number, serverPort: number, start: number, rng: Prng, size = 1): FlowLine[] {
  const end = start + rng.int(5, WINDOW - 1);
  const packets = rng.int(4, 40) * size;
  const bytesOut = packets * rng.int(60, 400);
  const bytesBack = packets * rng.int(200, 1400);
  const base = { account: n.account, region: n.region, flowLogId: n.flowLogId!, start };
  return [
    { ...base, line: flowLine(n.account, eni, client, server, clientPort, serverPort, TCP, packets, bytesOut, start, end, 'ACCEPT') },
    { ...base, line: flowLine(n.account, eni, server, client, serverPort, clientPort, TCP, packets, bytesBack, start, end, 'ACCEPT') },
  ];
}

export function generateBenignFlows({ org, rng }: FlowContext): FlowLine[] {
  const out: FlowLine[] = [];
  const clients = clientPool(rng.fork('clients'));
  const ephemeral = (r: Prng) => r.int(32768, 60999);
  for (const n of org.networks) {
    if (!n.flowLogId) continue;
    const r = rng.fork(`flow/${n.vpcId}`);
    for (let w = 0; w < (DEMO_DAYS * DAY_MS) / (WINDOW * 1000); w++) {
      const start = Math.floor(DEMO_START / 1000) + w * WINDOW;
      const hour = new Date(start * 1000).getUTCHours();
      const day = Math.floor((start * 1000 - DEMO_START) / DAY_MS);
      const busy = hour >= 13 && hour <= 23 ? 1.5 : 0.5;
      for (const i of n.instances) instanceWindow(r, out, n, i, start, busy, ephemeral);
      // Web visitors through the load balancer, which forwards to the app servers.
      for (const alb of n.albEnis) {
        for (let k = 0; k < r.poisson(3 * busy); k++) {
          out.push(...conversation(n, alb.eni, r.pick(clients), alb.privateIp, ephemeral(r), 443, start, r));
          const app = r.pick(n.instances.filter((i) => i.name.startsWith('app-server')));
          out.push(...conversation(n, app.eni, alb.privateIp, app.privateIp, ephemeral(r), 8080, start, r));
        }
      }
      // Admins over SSH to the bastion, from the office, on weekdays.
      if (n.account === ACCOUNTS.management.id && day < 5 && hour >= 14 && hour <= 21 && r.chance(0.15)) {
        const bastion = n.instances[0]!;
        out.push(...conversation(n, bastion.eni, IPS.office, bastion.privateIp, ephemeral(r), 22, start, r, 20));
      }
    }
  }
  return out;
}

function instanceWindow(r: Prng, out: FlowLine[], n: Network, i: Instance, start: number, busy: number, ephemeral: (r: Prng) => number): void {
  const endpoints = AWS_ENDPOINTS[n.region] ?? AWS_ENDPOINTS['us-east-1']!;
  for (let k = 0; k < r.poisson(1.2 * busy); k++) out.push(...conversation(n, i.eni, i.privateIp, r.pick(endpoints), ephemeral(r), 443, start, r));
  if (i.name.startsWith('app-server') && n.region === 'us-east-1' && r.chance(0.6)) {
    out.push(...conversation(n, i.eni, i.privateIp, '10.10.11.50', ephemeral(r), 5432, start, r, 3));
  }
  if ((i.name === 'dev-build' || i.name === 'dev-web') && r.chance(0.08 * busy)) {
    out.push(...conversation(n, i.eni, i.privateIp, r.pick(PACKAGE_HOSTS), ephemeral(r), 443, start, r, 30));
  }
  if (i.name === 'dev-web') {
    // The dev site, tested from the office; the occasional SSH session from the office.
    if (busy > 1 && r.chance(0.2)) out.push(...conversation(n, i.eni, IPS.office, i.privateIp, ephemeral(r), 80, start, r));
    if (busy > 1 && r.chance(0.03)) out.push(...conversation(n, i.eni, IPS.office, i.privateIp, ephemeral(r), 22, start, r, 10));
  }
}
