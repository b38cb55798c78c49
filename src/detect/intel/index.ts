import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../core/errors.ts';
import { RangeTable } from './ranges.ts';

/**
 * Threat intelligence from `--intel FILE` (several allowed): plain lists of IPs, CIDRs and
 * domains (one a line, `#` comments), CSV files (the indicator column found by its header or
 * its content), and STIX 2.1 bundles (indicator patterns on ipv4-addr, ipv6-addr,
 * domain-name and url). Each indicator carries a category that picks the finding type:
 * `tor`, `c2`, `mining`, `droppoint`, or `malicious`.
 */

export type IntelCategory = 'malicious' | 'tor' | 'c2' | 'mining' | 'droppoint';

export interface IntelMatch {
  indicator: string;
  category: IntelCategory;
  /** The intel file (base name) it came from. */
  source: string;
}

export interface IntelData {
  ips: Array<[string, IntelMatch]>;
  domains: Array<[string, IntelMatch]>;
}

export class Intel {
  private readonly ranges = new RangeTable<IntelMatch>();
  private readonly domains = new Map<string, IntelMatch>();
  /** Kept so the intel can be shipped to worker threads as plain data. */
  readonly data: IntelData = { ips: [], domains: [] };

  static fromData(data: IntelData): Intel {
    const intel = new Intel();
    for (const [ip, match] of data.ips) intel.addIp(ip, match);
    for (const [domain, match] of data.domains) intel.addDomain(domain, match);
    return intel;
  }

  get size(): number {
    return this.ranges.size + this.domains.size;
  }

  addIp(text: string, match: IntelMatch): boolean {
    if (!this.ranges.add(text, match)) return false;
    this.data.ips.push([text, match]);
    return true;
  }

  addDomain(text: string, match: IntelMatch): boolean {
    const domain = normalizeDomain(text);
    if (!domain) return false;
    this.domains.set(domain, match);
    this.data.domains.push([domain, match]);
    return true;
  }

  /** Adds an indicator that is an IP, CIDR, domain or URL. */
  addIndicator(text: string, match: Omit<IntelMatch, 'indicator'>): boolean {
    const value = text.trim();
    if (!value) return false;
    if (this.addIp(value, { ...match, indicator: value })) return true;
    const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? safeHost(value) : value;
    return host !== undefined && this.addDomain(host, { ...match, indicator: value });
  }

  lookupIp(ip: string | undefined): IntelMatch | undefined {
    if (!ip || this.ranges.size === 0) return undefined;
    return this.ranges.lookup(ip);
  }

  /** The name itself or any parent domain (`a.b.evil.com` matches `evil.com`). */
  lookupDomain(name: string | undefined): IntelMatch | undefined {
    if (!name || this.domains.size === 0) return undefined;
    let domain = normalizeDomain(name);
    while (domain) {
      const hit = this.domains.get(domain);
      if (hit) return hit;
      const dot = domain.indexOf('.');
      if (dot < 0) break;
      domain = domain.slice(dot + 1);
    }
    return undefined;
  }
}

export function normalizeDomain(text: string): string {
  const d = text.trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9_*-]+(\.[a-z0-9_-]+)+$/.test(d) || /^[a-z0-9-]+$/.test(d) ? d.replace(/^\*\./, '') : '';
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** The category a file name or a label suggests. */
export function categoryOf(...hints: Array<string | undefined>): IntelCategory {
  const text = hints.filter(Boolean).join(' ').toLowerCase();
  if (/\btor\b|tor[-_ ]?exit|anonymi[sz]/.test(text)) return 'tor';
  if (/\bc2\b|c&c|\bcnc\b|command[-_ ]?and[-_ ]?control|botnet/.test(text)) return 'c2';
  if (/min(ing|er)|crypto|pool|coin/.test(text)) return 'mining';
  if (/drop[-_ ]?point|dropzone|exfil/.test(text)) return 'droppoint';
  return 'malicious';
}

/** Loads intel files; a file that cannot be read or holds no indicator is an InputError. */
export function loadIntel(files: string[]): Intel {
  const intel = new Intel();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError(`cannot read intel file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
    }
    const before = intel.size;
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) loadStix(intel, text, file);
    else if (looksLikeCsv(text)) loadCsv(intel, text, file);
    else loadList(intel, text, file);
    if (intel.size === before) throw new InputError('no IP, CIDR, domain or STIX indicator found', file);
  }
  return intel;
}

function loadList(intel: Intel, text: string, file: string): void {
  const source = basename(file);
  const fileCategory = categoryOf(source);
  text.split(/\r?\n/).forEach((raw) => {
    const [value, ...comment] = raw.split('#');
    const token = value!.trim().split(/\s+/)[0];
    if (!token) return;
    const category = comment.length > 0 && categoryOf(comment.join('#')) !== 'malicious' ? categoryOf(comment.join('#')) : fileCategory;
    intel.addIndicator(token, { category, source });
  });
}

function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).slice(0, 5);
  return lines.length > 0 && lines.every((l) => l.includes(','));
}

const INDICATOR_HEADERS = /^(indicator|ioc|value|ip|ip_?address|ipv4|ipv6|cidr|network|domain|hostname|host|url|address|dst_?ip|src_?ip)$/i;
const LABEL_HEADERS = /^(category|type|threat(_?type)?|label|labels|tags?|malware|description|classification)$/i;

function loadCsv(intel: Intel, text: string, file: string): void {
  const source = basename(file);
  const rows = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#')).map(splitCsv);
  if (rows.length === 0) return;
  const header = rows[0]!;
  let column = header.findIndex((h) => INDICATOR_HEADERS.test(h.trim()));
  const labelColumn = header.findIndex((h) => LABEL_HEADERS.test(h.trim()));
  let body = rows;
  if (column >= 0) body = rows.slice(1);
  else {
    // No recognised header: the first column whose values are indicators.
    const probe = new Intel();
    column = header.findIndex((cell) => probe.addIndicator(cell, { category: 'malicious', source }));
    if (column < 0) {
      column = 0;
      body = rows.slice(1);
    }
  }
  const fileCategory = categoryOf(source);
  for (const row of body) {
    const value = row[column];
    if (!value) continue;
    const label = labelColumn >= 0 ? row[labelColumn] : undefined;
    const category = label && categoryOf(label) !== 'malicious' ? categoryOf(label) : fileCategory;
    intel.addIndicator(value, { category, source });
  }
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

const STIX_TERM = /(ipv4-addr|ipv6-addr|domain-name|url):value\s*(?:=|LIKE)\s*'((?:[^'\\]|\\.)*)'/g;

function loadStix(intel: Intel, text: string, file: string): void {
  const source = basename(file);
  let bundle: { type?: string; objects?: Array<Record<string, unknown>> };
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON: ${(error as Error).message}`, file);
  }
  const objects = bundle.type === 'bundle' ? (bundle.objects ?? []) : [bundle as Record<string, unknown>];
  for (const object of objects) {
    if (object.type !== 'indicator' || typeof object.pattern !== 'string') continue;
    if (object.pattern_type !== undefined && object.pattern_type !== 'stix') continue;
    if (object.revoked === true) continue;
    const hints = [
      ...(Array.isArray(object.indicator_types) ? object.indicator_types.map(String) : []),
      ...(Array.isArray(object.labels) ? object.labels.map(String) : []),
      typeof object.name === 'string' ? object.name : undefined,
      typeof object.description === 'string' ? object.description : undefined,
    ];
    const category = hints.some((h) => h === 'anonymization') ? 'tor' : categoryOf(...hints);
    for (const match of object.pattern.matchAll(STIX_TERM)) {
      intel.addIndicator(match[2]!.replace(/\\(.)/g, '$1'), { category, source });
    }
  }
}
