import type { ResolverQueryRecord } from '../../logs/types.ts';
import { DEMO_DAYS, DEMO_START, type DemoOrg, type Instance, type Network } from '../org.ts';
import type { Prng } from '../prng.ts';
import { ctTime } from './records.ts';
import type { DnsLine } from './write.ts';

/**
 * Benign Route 53 Resolver query logs (JSON lines, version 1.100000) for the VPCs with query
 * logging: AWS endpoints, the database, package registries and SaaS APIs. The resolver logs
 * only queries it could not answer from its cache, so each name shows up a few times an hour.
 */

const HOUR = 3_600_000;

interface Name {
  name: string;
  answers: string[];
  type?: string;
}

function namesFor(i: Instance): Name[] {
  const r = i.region;
  const aws: Name[] = [
    { name: `sts.${r}.amazonaws.com.`, answers: ['52.94.0.28'] },
    { name: `kms.${r}.amazonaws.com.`, answers: ['52.46.130.5'] },
    { name: `ssm.${r}.amazonaws.com.`, answers: ['52.46.141.10'] },
    { name: `logs.${r}.amazonaws.com.`, answers: ['52.46.139.7'] },
    { name: `ec2messages.${r}.amazonaws.com.`, answers: ['52.46.144.3'] },
  ];
  if (i.name.startsWith('app-server')) {
    return [
      ...aws,
      { name: 'acme-prod-app-data.s3.us-east-1.amazonaws.com.', answers: ['52.216.8.12'] },
      { name: `dynamodb.${r}.amazonaws.com.`, answers: ['52.94.0.10'] },
      { name: `secretsmanager.${r}.amazonaws.com.`, answers: ['52.46.138.2'] },
      { name: 'orders-db.cdemo0prod1.us-east-1.rds.amazonaws.com.', answers: ['10.10.11.50'] },
      { name: 'api.stripe.com.', answers: ['54.187.174.169'] },
    ];
  }
  return [
    ...aws,
    { name: 'github.com.', answers: ['140.82.112.3'] },
    { name: 'registry.npmjs.org.', answers: ['104.16.1.35'] },
    { name: 'pypi.org.', answers: ['151.101.65.69'] },
    { name: 'files.pythonhosted.org.', answers: ['151.101.1.69'] },
    { name: `s3.${r}.amazonaws.com.`, answers: ['52.217.44.30'] },
  ];
}

export function resolverRecord(n: Network, i: Instance, time: number, name: string, answers: string[], rng: Prng, opts: { type?: string; rcode?: string } = {}): ResolverQueryRecord {
  const type = opts.type ?? 'A';
  return {
    version: '1.100000',
    account_id: n.account,
    region: n.region,
    vpc_id: n.vpcId,
    query_timestamp: ctTime(time),
    query_name: name,
    query_type: type,
    query_class: 'IN',
    rcode: opts.rcode ?? 'NOERROR',
    answers: answers.map((Rdata) => ({ Rdata, Type: type, Class: 'IN' })),
    srcaddr: i.privateIp,
    srcport: String(rng.int(32768, 60999)),
    transport: 'UDP',
    srcids: { instance: i.id },
  };
}

export function generateBenignDns({ org, rng }: { org: DemoOrg; rng: Prng }): DnsLine[] {
  const out: DnsLine[] = [];
  for (const n of org.networks) {
    if (!n.queryLogConfigId) continue;
    for (const i of n.instances) {
      const r = rng.fork(`dns/${i.id}`);
      const names = namesFor(i);
      for (let h = 0; h < DEMO_DAYS * 24; h++) {
        const hourStart = DEMO_START + h * HOUR;
        for (const entry of names) {
          // Short TTLs: each name misses the cache a few times an hour.
          for (let k = 0; k < r.poisson(entry.name.includes('amazonaws') ? 2 : 0.6); k++) {
            const t = hourStart + Math.floor(r.next() * HOUR);
            out.push({ account: n.account, vpcId: n.vpcId, time: t, record: resolverRecord(n, i, t, entry.name, entry.answers, r) });
          }
        }
      }
    }
  }
  return out;
}
