import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CloudTrailEvent, ResolverQueryRecord } from '../../logs/types.ts';
import type { Prng } from '../prng.ts';

/**
 * Writes logs in the layouts AWS delivers them to S3 (paths relative to the logs folder):
 *   CloudTrail (organization trail)  AWSLogs/<org-id>/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz
 *   VPC Flow Logs                    AWSLogs/<acct>/vpcflowlogs/<region>/YYYY/MM/DD/<acct>_vpcflowlogs_<region>_<fl-id>_<YYYYMMDDTHHmmZ>_<8 hex>.log.gz
 *   Route 53 Resolver query logs     AWSLogs/<acct>/vpcdnsquerylogs/<vpc-id>/YYYY/MM/DD/<vpc-id>_vpcdnsquerylogs_<acct>_<YYYYMMDDTHHmmZ>_<8 hex>.log.gz
 * One file per account/region (or VPC) per hour of activity, stamped a few minutes after the hour
 * as a delivery would be. Lines are numbered from 1 (the flow log header is line 1).
 */

const HOUR = 3_600_000;

export interface FlowLine {
  account: string;
  region: string;
  flowLogId: string;
  /** Unix seconds of the capture window start (the `start` field). */
  start: number;
  line: string;
  attack?: string;
}

export interface DnsLine {
  account: string;
  vpcId: string;
  time: number;
  record: ResolverQueryRecord;
  attack?: string;
}

export interface WrittenLogs {
  files: string[];
  /** attack id → `relative/path.log.gz:line` references. */
  refs: Map<string, string[]>;
  records: number;
}

export const FLOW_LOG_HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

function stamp(ms: number): string {
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}T${d.slice(11, 13)}${d.slice(14, 16)}Z`;
}
function datePath(ms: number): string {
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}

function put(root: string, relative: string, text: string): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(text, { level: 6 }));
}

export function writeCloudTrail(root: string, orgId: string, events: CloudTrailEvent[], rng: Prng): WrittenLogs {
  const files: string[] = [];
  const hourOf = (e: CloudTrailEvent) => Math.floor(Date.parse(e.eventTime) / HOUR) * HOUR;
  const groups = groupBy(events, (e) => `${e.recipientAccountId}|${e.awsRegion}|${hourOf(e)}`);
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    const [account, region, hour] = key.split('|') as [string, string, string];
    list.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventID < b.eventID ? -1 : 1));
    const delivered = Number(hour) + HOUR + rng.int(1, 5) * 60_000;
    const relative = `AWSLogs/${orgId}/${account}/CloudTrail/${region}/${datePath(delivered)}/${account}_CloudTrail_${region}_${stamp(delivered)}_${rng.alnum(16)}.json.gz`;
    put(root, relative, JSON.stringify({ Records: list }));
    files.push(relative);
  }
  return { files, refs: new Map(), records: events.length };
}

export function writeFlowLogs(root: string, lines: FlowLine[], rng: Prng): WrittenLogs {
  const files: string[] = [];
  const refs = new Map<string, string[]>();
  const groups = groupBy(lines, (l) => `${l.account}|${l.region}|${l.flowLogId}|${Math.floor((l.start * 1000) / HOUR) * HOUR}`);
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    const [account, region, flowLogId, hour] = key.split('|') as [string, string, string, string];
    list.sort((a, b) => a.start - b.start || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
    const delivered = Number(hour) + HOUR + rng.int(1, 9) * 60_000;
    const relative = `AWSLogs/${account}/vpcflowlogs/${region}/${datePath(delivered)}/${account}_vpcflowlogs_${region}_${flowLogId}_${stamp(delivered)}_${rng.hex(8)}.log.gz`;
    list.forEach((l, i) => {
      if (l.attack) refs.set(l.attack, [...(refs.get(l.attack) ?? []), `${relative}:${i + 2}`]);
    });
    put(root, relative, `${FLOW_LOG_HEADER}\n${list.map((l) => l.line).join('\n')}\n`);
    files.push(relative);
  }
  return { files, refs, records: lines.length };
}

export function writeDnsLogs(root: string, lines: DnsLine[], rng: Prng): WrittenLogs {
  const files: string[] = [];
  const refs = new Map<string, string[]>();
  const groups = groupBy(lines, (l) => `${l.account}|${l.vpcId}|${Math.floor(l.time / HOUR) * HOUR}`);
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key)!;
    const [account, vpcId, hour] = key.split('|') as [string, string, string];
    list.sort((a, b) => a.time - b.time || (a.record.query_name < b.record.query_name ? -1 : 1));
    const delivered = Number(hour) + HOUR + rng.int(1, 9) * 60_000;
    const relative = `AWSLogs/${account}/vpcdnsquerylogs/${vpcId}/${datePath(delivered)}/${vpcId}_vpcdnsquerylogs_${account}_${stamp(delivered)}_${rng.hex(8)}.log.gz`;
    list.forEach((l, i) => {
      if (l.attack) refs.set(l.attack, [...(refs.get(l.attack) ?? []), `${relative}:${i + 1}`]);
    });
    put(root, relative, `${list.map((l) => JSON.stringify(l.record)).join('\n')}\n`);
    files.push(relative);
  }
  return { files, refs, records: lines.length };
}
