/**
 * The log event stream (Contract 4): every consumer (detect, trail query, iam generate)
 * reads logs through `openLogs()` as an async iterable of these events.
 */

/** A CloudTrail event as AWS writes it; fields are attacker-influenced text, treat as data. */
export interface CloudTrailEvent {
  eventVersion?: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  userIdentity?: {
    type?: string;
    principalId?: string;
    arn?: string;
    accountId?: string;
    accessKeyId?: string;
    userName?: string;
    invokedBy?: string;
    sessionContext?: {
      attributes?: { mfaAuthenticated?: string; creationDate?: string };
      sessionIssuer?: { type?: string; principalId?: string; arn?: string; accountId?: string; userName?: string };
      sourceIdentity?: string;
      ec2RoleDelivery?: string;
    };
    [key: string]: unknown;
  };
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  eventID: string;
  eventType?: string;
  eventCategory?: string;
  recipientAccountId?: string;
  readOnly?: boolean;
  managementEvent?: boolean;
  resources?: Array<{ ARN?: string; accountId?: string; type?: string }>;
  requestID?: string;
  vpcEndpointId?: string;
  tlsDetails?: Record<string, unknown>;
  sharedEventID?: string;
  [key: string]: unknown;
}

/** One VPC Flow Logs record (versions 2–5); fields absent from the log's format are undefined. */
export interface FlowLogRecord {
  version?: number;
  accountId?: string;
  interfaceId?: string;
  srcAddr?: string;
  dstAddr?: string;
  srcPort?: number;
  dstPort?: number;
  protocol?: number;
  packets?: number;
  bytes?: number;
  /** Unix seconds. */
  start?: number;
  end?: number;
  action?: 'ACCEPT' | 'REJECT' | string;
  logStatus?: string;
  vpcId?: string;
  subnetId?: string;
  instanceId?: string;
  tcpFlags?: number;
  type?: string;
  pktSrcAddr?: string;
  pktDstAddr?: string;
  region?: string;
  azId?: string;
  flowDirection?: string;
  trafficPath?: number;
  pktSrcAwsService?: string;
  pktDstAwsService?: string;
  [key: string]: unknown;
}

/** One Route 53 Resolver query log record, as AWS writes it (snake_case). */
export interface ResolverQueryRecord {
  version?: string;
  account_id?: string;
  region?: string;
  vpc_id?: string;
  query_timestamp: string;
  query_name: string;
  query_type?: string;
  query_class?: string;
  rcode?: string;
  answers?: Array<{ Rdata?: string; Type?: string; Class?: string }>;
  srcaddr?: string;
  srcport?: string;
  transport?: string;
  srcids?: { instance?: string; resolver_endpoint?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Where an event came from: file (or s3:// URL) and line (for line formats) or record index. */
export interface EventRef {
  file: string;
  line?: number;
  index?: number;
}

export type LogEvent =
  | { kind: 'cloudtrail'; record: CloudTrailEvent; ref: EventRef }
  | { kind: 'vpcflow'; record: FlowLogRecord; ref: EventRef }
  | { kind: 'dns'; record: ResolverQueryRecord; ref: EventRef };

export interface LogProblem {
  file: string;
  /** Byte offset (of the uncompressed stream where that is where the problem is) or line. */
  offset?: number;
  line?: number;
  reason: string;
}

/** Counts of what was read (Contract 4: nothing silently dropped). */
export interface LogStats {
  files: number;
  filesSkipped: number;
  bytes: number;
  events: number;
  /** Events outside --since/--until. */
  filtered: number;
  /** Records that could not be parsed. */
  skipped: number;
  byKind: Record<LogEvent['kind'], number>;
  problems: LogProblem[];
}

export interface LogReadOptions {
  since?: Date;
  until?: Date;
  /** For s3:// inputs. */
  endpointUrl?: string;
  region?: string;
  profile?: string;
  /** Called for each problem as it happens (reported on stderr by the CLI). */
  onProblem?: (problem: LogProblem) => void;
  /** For s3:// inputs laid out as AWSLogs/…: only these accounts and regions are listed. */
  accounts?: string[];
  regions?: string[];
  /** S3 objects fetched at once (default 16; local files are read one at a time, when their turn comes). */
  concurrency?: number;
  /**
   * CloudTrail delivery files are scanned, not parsed whole: records read their nested fields
   * (requestParameters, …) on first use and share repeated values (parse/cloudtrail-scan.ts).
   * For readers that look at a few fields of each record and do not keep records: a local
   * file's bytes are given back once its events are consumed, and a lazy field first read
   * after that throws.
   */
  lazyRecords?: boolean;
  /** S3 access to use instead of a client pool of its own (tests, or a caller's shared pool). */
  s3?: import('./sources/s3-client.ts').S3Access;
}

export interface LogStream extends AsyncIterable<LogEvent> {
  /** Complete once iteration has finished. */
  readonly stats: LogStats;
  /** The same events in batches (one per file or up to 1,000 events): one await per batch, not per event. */
  batches(): AsyncIterable<LogEvent[]>;
}
