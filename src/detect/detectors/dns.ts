import type { LogEvent } from '../../logs/types.ts';
import { refText } from '../event.ts';
import type { Detector, DetectorContext, Hit } from '../types.ts';
import { Buckets, type BucketState } from './buckets.ts';
import { key, unkey, windowHit } from './window-hit.ts';

/**
 * Route 53 Resolver query log detections (GuardDuty's `!DNS` types): domains from the threat
 * intelligence (C&C, drop points, mining pools), well-known mining-pool domains, domains
 * that look machine-generated (DGA), and data encoded into long high-entropy labels (DNS
 * exfiltration).
 */
const HOUR = 60 * 60_000;

/** Public mining-pool domains (suffix match). */
export const MINING_POOL_DOMAINS = [
  'minexmr.com', 'supportxmr.com', 'nanopool.org', 'f2pool.com', 'ethermine.org', '2miners.com', 'hashvault.pro',
  'moneroocean.stream', 'xmrpool.eu', 'nicehash.com', 'minergate.com', 'c3pool.com', 'herominers.com', 'unmineable.com',
  'viabtc.com', 'antpool.com', 'slushpool.com', 'braiins.com', 'miningpoolhub.com', 'dwarfpool.com', 'xmrig.com', 'kryptex.network',
];

/** Names never scored for DGA or exfiltration (reverse lookups, AWS's own endpoints). */
const EXEMPT_SUFFIXES = ['in-addr.arpa', 'ip6.arpa', 'amazonaws.com', 'aws', 'amazon.com', 'cloudfront.net', 'local', 'internal'];

export class DnsDetector implements Detector {
  readonly id = 'dns';
  readonly kinds = ['dns'] as const;
  private readonly dga = new Buckets(HOUR);
  private readonly exfil = new Buckets(HOUR);

  observe(event: LogEvent, ctx: DetectorContext): void {
    if (event.kind !== 'dns') return;
    const r = event.record;
    const name = (r.query_name ?? '').toLowerCase().replace(/\.$/, '');
    if (!name) return;
    const time = Date.parse(r.query_timestamp) || 0;
    const id = refText(event.ref);
    const account = r.account_id ?? 'unknown';
    const region = r.region ?? 'unknown';
    const source = r.srcids?.instance ?? r.srcaddr ?? 'unknown';
    const resource: Hit['resource'] = r.srcids?.instance ? { type: 'AWS::EC2::Instance', id: r.srcids.instance } : { type: 'AWS::EC2::Instance', id: `ip:${r.srcaddr ?? 'unknown'}` };
    const base = { account, region, actor: source, resource, time, eventId: id };

    // A known mining pool is a mining finding whatever list also names it.
    const pool = MINING_POOL_DOMAINS.some((d) => name === d || name.endsWith(`.${d}`));
    const intel = ctx.intel.lookupDomain(name);
    if (pool || intel?.category === 'mining') {
      ctx.emit({ ...base, type: 'CryptoCurrency:EC2/BitcoinTool.B!DNS', details: { domain: name, reason: pool ? 'known mining-pool domain' : 'mining domain in threat intel', indicator: intel?.indicator, intel: intel?.source } });
      return;
    }
    if (intel) {
      const type = intel.category === 'droppoint' ? 'Trojan:EC2/DropPoint!DNS' : 'Backdoor:EC2/C&CActivity.B!DNS';
      ctx.emit({ ...base, type, details: { domain: name, indicator: intel.indicator, intel: intel.source, category: intel.category } });
      // Still scored below: a listed domain can also carry a DGA or a DNS tunnel.
    }
    if (EXEMPT_SUFFIXES.some((d) => name === d || name.endsWith(`.${d}`))) return;
    const labels = name.split('.');
    const registered = registeredDomain(labels);
    const subLabels = labels.slice(0, labels.length - registered.split('.').length);
    const longest = subLabels.reduce((a, b) => (b.length > a.length ? b : a), '');
    const sub = subLabels.join('');
    if ((longest.length >= 24 && looksEncoded(longest)) || (sub.length >= 50 && entropy(sub) >= 3.6)) {
      this.exfil.add(key(account, source, registered), time, id, name.slice(0, 80), { region });
    }
    const label = registered.split('.')[0]!;
    if (dgaScore(label) >= 0.7) {
      this.dga.add(key(account, source), time, id, registered, { region, nx: r.rcode === 'NXDOMAIN' ? 'yes' : undefined });
    }
  }

  state(): unknown {
    return { dga: this.dga.state(), exfil: this.exfil.state() };
  }

  merge(state: unknown): void {
    const s = state as { dga: BucketState; exfil: BucketState };
    this.dga.merge(s.dga);
    this.exfil.merge(s.exfil);
  }

  finish(ctx: DetectorContext): void {
    for (const { key: k, window } of this.dga.bestWindows()) {
      if (window.distinct.length < ctx.threshold('dgaDomains', 5)) continue;
      const [account, source] = unkey(k);
      ctx.emit(
        windowHit(window, {
          type: 'Trojan:EC2/DGADomainRequest.C!DNS', account: account!, region: window.meta.region ?? 'unknown', actor: source!,
          resource: sourceResource(source!),
          details: { domains: window.distinct.slice(0, 20), distinctDomains: window.distinct.length },
        }),
      );
    }
    for (const { key: k, window } of this.exfil.bestWindows()) {
      if (window.count < ctx.threshold('dnsExfilQueries', 20)) continue;
      const [account, source, domain] = unkey(k);
      ctx.emit(
        windowHit(window, {
          type: 'Trojan:EC2/DNSDataExfiltration', account: account!, region: window.meta.region ?? 'unknown', actor: source!,
          resource: sourceResource(source!),
          details: { domain, queries: window.count, sample: window.distinct.slice(0, 5) },
        }),
      );
    }
  }
}

function sourceResource(source: string): Hit['resource'] {
  return { type: 'AWS::EC2::Instance', id: source.startsWith('i-') ? source : `ip:${source}` };
}

/** The registrable domain, approximately: two labels, three under common second-level suffixes (`co.uk`). */
export function registeredDomain(labels: string[]): string {
  if (labels.length <= 2) return labels.join('.');
  const second = labels[labels.length - 2]!;
  const take = second.length <= 3 && ['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or'].includes(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Encoded data (hex, base32, base64) in labels: long and high-entropy. */
export function looksEncoded(text: string): boolean {
  return entropy(text) >= 3.6 || (/^[0-9a-f]+$/i.test(text) && text.length >= 24) || (/^[a-z2-7]+$/i.test(text) && /\d/.test(text) && entropy(text) >= 3.2);
}

// The most frequent letter pairs of English and of ordinary host names.
const COMMON_BIGRAMS = new Set(
  ('th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ' +
    'ca el ta la ns ge ly ei os no pe do su pa ec ac ot di ol tr sh ad mo ut so wa ll et ie ho ss na lo ul il pr ct fo ap ow ci ai id em ke ay ue ' +
    'ab ag am bo bu da fi gr ir ki ks lu mi mp nc ni nk op oo pl po rd rt sc sp ss tt un up us ve vi wi we wh ee ff ck ph qu ga ba bl br cl cr dr fr gl').split(' '),
);

/**
 * How machine-generated a label looks, 0..1: long, high character entropy, few common
 * letter pairs, digits mixed with letters. Dictionary-like names score low.
 */
export function dgaScore(label: string): number {
  if (label.length < 10 || label.startsWith('xn--')) return 0;
  const letters = label.replace(/[^a-z]/g, '');
  let rare = 0;
  let pairs = 0;
  for (let i = 0; i + 1 < letters.length; i++) {
    pairs++;
    if (!COMMON_BIGRAMS.has(letters.slice(i, i + 2))) rare++;
  }
  const rareRatio = pairs > 0 ? rare / pairs : 1;
  const digits = (label.match(/\d/g) ?? []).length / label.length;
  const vowels = (letters.match(/[aeiou]/g) ?? []).length / Math.max(1, letters.length);
  let score = 0;
  if (entropy(label) >= 3.3) score += 0.3;
  if (rareRatio >= 0.55) score += 0.4;
  if (digits > 0.1 && digits < 0.6) score += 0.15;
  if (vowels < 0.3) score += 0.15;
  if (label.length >= 16) score += 0.1;
  return Math.min(1, score);
}
