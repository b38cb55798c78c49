import type { FlowLogRecord } from '../types.ts';

/**
 * VPC Flow Logs text records (versions 2–5 and later fields). A file delivered to S3 starts
 * with a header naming its fields in order (custom formats choose any order); records sent to
 * CloudWatch Logs and some copies have no header, and then the default format is assumed.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html
 */

/** The default (version 2) format: what AWS writes when no custom format was chosen. */
export const DEFAULT_FLOW_FIELDS = [
  'version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol',
  'packets', 'bytes', 'start', 'end', 'action', 'log-status',
] as const;

/** Every field up to version 5, in the documented order: the guess for a header-less record with more than 14 fields. */
export const ALL_FLOW_FIELDS_V5 = [
  ...DEFAULT_FLOW_FIELDS,
  'vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr',
  'region', 'az-id', 'sublocation-type', 'sublocation-id',
  'pkt-src-aws-service', 'pkt-dst-aws-service', 'flow-direction', 'traffic-path',
] as const;

const NUMERIC = new Set(['version', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'tcp-flags', 'traffic-path']);

/** Field names whose record key is not plain camelCase of the kebab-case name. */
const KEY_OVERRIDES: Record<string, string> = {
  srcaddr: 'srcAddr',
  dstaddr: 'dstAddr',
  srcport: 'srcPort',
  dstport: 'dstPort',
  'pkt-srcaddr': 'pktSrcAddr',
  'pkt-dstaddr': 'pktDstAddr',
};

const KNOWN = new Set<string>(ALL_FLOW_FIELDS_V5);

export function recordKey(field: string): string {
  return KEY_OVERRIDES[field] ?? field.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A parsed flow-log format: field names and their record keys, in line order. */
export interface FlowFormat {
  fields: string[];
  keys: string[];
  numeric: boolean[];
}

export function flowFormat(fields: readonly string[]): FlowFormat {
  return { fields: [...fields], keys: fields.map(recordKey), numeric: fields.map((f) => NUMERIC.has(f)) };
}

export const DEFAULT_FLOW_FORMAT = flowFormat(DEFAULT_FLOW_FIELDS);

/** A header line: every token a field name, and at least two that AWS defines. */
export function parseFlowHeader(line: string): FlowFormat | undefined {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length < 2 || !tokens.every((t) => /^[a-z][a-z0-9-]*$/.test(t))) return undefined;
  if (tokens.filter((t) => KNOWN.has(t)).length < 2) return undefined;
  return flowFormat(tokens);
}

/** Whether a header-less line looks like a flow record: a version number and at least 14 fields. */
export function looksLikeFlowRecord(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  return tokens.length >= DEFAULT_FLOW_FIELDS.length && /^\d+$/.test(tokens[0] ?? '');
}

/** The format assumed for a header-less record with this many fields. */
export function guessFlowFormat(fieldCount: number): FlowFormat {
  if (fieldCount === DEFAULT_FLOW_FIELDS.length) return DEFAULT_FLOW_FORMAT;
  return flowFormat(ALL_FLOW_FIELDS_V5.slice(0, Math.min(fieldCount, ALL_FLOW_FIELDS_V5.length)));
}

/**
 * One record. `-` means the field does not apply (and for NODATA/SKIPDATA records most fields
 * are `-`): it becomes undefined. Returns a reason string when the line does not fit the format.
 */
export function parseFlowLine(line: string, format: FlowFormat): FlowLogRecord | string {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length !== format.fields.length) {
    return `flow log record has ${tokens.length} fields, the format has ${format.fields.length}`;
  }
  const record: FlowLogRecord = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '-') continue;
    if (format.numeric[i]) {
      const value = Number(token);
      if (!Number.isFinite(value)) return `flow log field ${format.fields[i]} is not a number`;
      record[format.keys[i] as string] = value;
    } else {
      record[format.keys[i] as string] = token;
    }
  }
  return record;
}
