import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAttacks, type AttackTruth } from './attacks.ts';
import { generateBenignCloudTrailDay } from './logs/cloudtrail.ts';
import { generateBenignDns } from './logs/dns.ts';
import { generateBenignFlows } from './logs/flow.ts';
import { writeCloudTrail, writeDnsLogs, writeFlowLogs } from './logs/write.ts';
import { ATTACKER_IPS, buildOrg, DAY_MS, DEMO_DAYS, DEMO_END, DEMO_START, EXFIL_DOMAIN, IPS, MINING_POOL_DOMAIN } from './org.ts';
import { Prng } from './prng.ts';
import { buildSnapshot, writeDemoSnapshot } from './snapshot/index.ts';

/**
 * The demo organization: a seeded, deterministic generator of a three-account organization's
 * snapshot (Contract 3) and a week of its logs in their S3 delivery layouts (Contract 4), with
 * embedded attacks listed in ATTACKS.json. The same seed gives byte-identical output.
 *
 *   <outDir>/snapshot/            manifest.json + <account-id>.json
 *   <outDir>/logs/AWSLogs/…       CloudTrail, VPC Flow Logs, Route 53 Resolver query logs
 *   <outDir>/logs/ATTACKS.json    ground truth of the embedded attacks
 *   <outDir>/intel/               threat lists for `vigil detect --intel` (attacker IPs, domains, Tor exits)
 */

export { type AttackTruth } from './attacks.ts';
export { DEMO_START, DEMO_END, COLLECTED_AT } from './org.ts';

export interface DemoOptions {
  outDir: string;
  seed?: number | string;
}

export interface DemoStats {
  seed: string;
  accounts: number;
  regions: number;
  snapshotCalls: number;
  cloudtrailEvents: number;
  cloudtrailAttackEvents: number;
  cloudtrailFiles: number;
  flowRecords: number;
  flowFiles: number;
  dnsRecords: number;
  dnsFiles: number;
  attacks: number;
  window: { start: string; end: string };
  ms: number;
}

export interface DemoResult {
  snapshotDir: string;
  /** `<outDir>/logs`: the delivery layouts under AWSLogs/ plus ATTACKS.json. */
  logsDir: string;
  /** `<outDir>/logs/AWSLogs`: only log files (give this to log readers so ATTACKS.json is not read as a log). */
  awsLogsDir: string;
  /** Threat-intel files (plain lists) matching the embedded attackers. */
  intelFiles: string[];
  attacks: AttackTruth[];
  stats: DemoStats;
}

export async function generateDemo({ outDir, seed = 42 }: DemoOptions): Promise<DemoResult> {
  const began = Date.now();
  const rng = new Prng(String(seed));
  const org = buildOrg(rng);
  const snapshotDir = join(outDir, 'snapshot');
  const logsDir = join(outDir, 'logs');
  const intelDir = join(outDir, 'intel');
  // Regenerating replaces the previous demo wholesale (file names carry random parts).
  for (const dir of [snapshotDir, logsDir, intelDir]) rmSync(dir, { recursive: true, force: true });

  const snapshot = buildSnapshot(org, rng.fork('snapshot'));
  await writeDemoSnapshot(snapshotDir, snapshot);

  // CloudTrail is generated and written a day at a time to keep the heap small.
  const benignRng = rng.fork('benign');
  const attacks = generateAttacks(org, rng.fork('attack'), benignRng);
  const writeRng = rng.fork('write/ct');
  const trail = { files: [] as string[], records: 0 };
  for (let day = 0; day < DEMO_DAYS; day++) {
    const attackEvents = attacks.cloudtrail.filter((e) => Math.floor((Date.parse(e.eventTime) - DEMO_START) / DAY_MS) === day);
    const written = writeCloudTrail(logsDir, org.orgId, [...generateBenignCloudTrailDay({ org, rng: benignRng }, day), ...attackEvents], writeRng);
    trail.files.push(...written.files);
    trail.records += written.records;
  }
  const flows = writeFlowLogs(logsDir, [...generateBenignFlows({ org, rng: rng.fork('flows') }), ...attacks.flows], rng.fork('write/flow'));
  const dns = writeDnsLogs(logsDir, [...generateBenignDns({ org, rng: rng.fork('dns') }), ...attacks.dns], rng.fork('write/dns'));
  for (const truth of attacks.truths) {
    const refs = truth.source === 'vpcflow' ? flows.refs.get(truth.id) : truth.source === 'dns' ? dns.refs.get(truth.id) : undefined;
    if (refs) truth.refs = refs;
  }

  const window = { start: new Date(DEMO_START).toISOString(), end: new Date(DEMO_END).toISOString() };
  writeFileSync(join(logsDir, 'ATTACKS.json'), `${JSON.stringify({
    format: 'vigil-demo-attacks/1',
    seed: String(seed),
    organizationId: org.orgId,
    window,
    benignWindow: { start: window.start, end: new Date(DEMO_START + 5 * 86_400_000).toISOString(), note: 'the first five days hold benign activity only' },
    references: 'eventIds are CloudTrail eventIDs; refs are "<path relative to this folder>:<line>", lines counted from 1 (a flow log header is line 1)',
    attackerIps: ATTACKER_IPS,
    attackerDomains: [MINING_POOL_DOMAIN, EXFIL_DOMAIN],
    attacks: attacks.truths,
  }, null, 2)}\n`);

  mkdirSync(intelDir, { recursive: true });
  const intelFiles = [join(intelDir, 'demo-threat-intel.txt'), join(intelDir, 'tor-exit-nodes.txt')];
  writeFileSync(intelFiles[0]!, `${[IPS.attackerVps, IPS.exfilHost, IPS.sshScanner, IPS.miningPool, MINING_POOL_DOMAIN, EXFIL_DOMAIN].join('\n')}\n`);
  writeFileSync(intelFiles[1]!, `${IPS.torExit}\n`);

  const stats: DemoStats = {
    seed: String(seed),
    accounts: snapshot.manifest.accounts.length,
    regions: snapshot.manifest.accounts[0]?.regions.length ?? 0,
    snapshotCalls: Object.values(snapshot.accounts).reduce((n, a) => n + Object.values(a).reduce((m, ops) => m + Object.values(ops).reduce((k, regions) => k + Object.keys(regions).length, 0), 0), 0),
    cloudtrailEvents: trail.records,
    cloudtrailAttackEvents: attacks.cloudtrail.length,
    cloudtrailFiles: trail.files.length,
    flowRecords: flows.records,
    flowFiles: flows.files.length,
    dnsRecords: dns.records,
    dnsFiles: dns.files.length,
    attacks: attacks.truths.length,
    window,
    ms: Date.now() - began,
  };
  return { snapshotDir, logsDir, awsLogsDir: join(logsDir, 'AWSLogs'), intelFiles, attacks: attacks.truths, stats };
}
