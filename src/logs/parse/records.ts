import type { CloudTrailEvent, EventRef, LogEvent, LogProblem, ResolverQueryRecord } from '../types.ts';
import { guessFlowFormat, looksLikeFlowRecord, parseFlowLine } from './flow.ts';

/** Where parsed records go: events, problems, and things that are known but not events. */
export interface RecordSink {
  readonly file: string;
  event(event: LogEvent): void;
  problem(problem: Omit<LogProblem, 'file'>): void;
}

type Where = { line?: number; offset?: number };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCloudTrailEvent = (value: Record<string, unknown>) =>
  typeof value.eventTime === 'string' && typeof value.eventName === 'string';

const isResolverQuery = (value: Record<string, unknown>) =>
  typeof value.query_name === 'string' && typeof value.query_timestamp === 'string';

function ref(sink: RecordSink, where: Where, index?: number): EventRef {
  const r: EventRef = { file: sink.file };
  if (where.line !== undefined) r.line = where.line;
  if (index !== undefined) r.index = index;
  return r;
}

/**
 * Turns one parsed JSON value into events, telling the shapes apart by their fields:
 * a CloudTrail delivery file (`Records`), a CloudWatch Logs subscription envelope
 * (`messageType`), an EventBridge "AWS API Call via CloudTrail" event, a single CloudTrail
 * event, a Route 53 Resolver query record, or an array of any of these.
 */
export function dispatchJson(value: unknown, sink: RecordSink, where: Where): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) dispatchElement(value[i], sink, where, i);
    return;
  }
  if (!isObject(value)) {
    sink.problem({ ...where, reason: 'JSON value is not a log record' });
    return;
  }
  if (Array.isArray(value.Records)) {
    const records = value.Records;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (isObject(record) && isCloudTrailEvent(record)) {
        sink.event({ kind: 'cloudtrail', record: record as CloudTrailEvent, ref: ref(sink, where, i) });
      } else {
        sink.problem({ ...where, reason: `Records[${i}] is not a CloudTrail event` });
      }
    }
    return;
  }
  if (typeof value.messageType === 'string') {
    dispatchEnvelope(value, sink, where);
    return;
  }
  // CloudTrail digest files share the log folders of a copied trail (vigil trail fetch,
  // aws s3 sync); they describe log files and hold no events.
  if (typeof value.digestPublicKeyFingerprint === 'string' && Array.isArray(value.logFiles)) return;
  dispatchElement(value, sink, where);
}

function dispatchElement(value: unknown, sink: RecordSink, where: Where, index?: number): void {
  if (isObject(value)) {
    if (isCloudTrailEvent(value)) {
      sink.event({ kind: 'cloudtrail', record: value as CloudTrailEvent, ref: ref(sink, where, index) });
      return;
    }
    if (isResolverQuery(value)) {
      sink.event({ kind: 'dns', record: value as ResolverQueryRecord, ref: ref(sink, where, index) });
      return;
    }
    // EventBridge delivers CloudTrail events wrapped: {"detail-type": "AWS API Call via CloudTrail", "detail": {…}}.
    if (isObject(value.detail) && isCloudTrailEvent(value.detail)) {
      sink.event({ kind: 'cloudtrail', record: value.detail as CloudTrailEvent, ref: ref(sink, where, index) });
      return;
    }
    if (Array.isArray(value.Records) || typeof value.messageType === 'string') {
      dispatchJson(value, sink, where);
      return;
    }
  }
  const at = index === undefined ? '' : `[${index}]`;
  sink.problem({ ...where, reason: `JSON value${at} is not a CloudTrail event, Resolver query or log envelope` });
}

/**
 * The CloudWatch Logs subscription envelope. CONTROL_MESSAGE records are the service checking
 * that the destination is reachable and carry no log data. Each logEvents[].message holds one
 * record as the log group received it: JSON (CloudTrail, Resolver query logs) or a flow log line.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
function dispatchEnvelope(envelope: Record<string, unknown>, sink: RecordSink, where: Where): void {
  if (envelope.messageType === 'CONTROL_MESSAGE') return;
  if (envelope.messageType !== 'DATA_MESSAGE' || !Array.isArray(envelope.logEvents)) {
    sink.problem({ ...where, reason: 'CloudWatch Logs envelope without DATA_MESSAGE logEvents' });
    return;
  }
  const logEvents = envelope.logEvents as unknown[];
  for (let i = 0; i < logEvents.length; i++) {
    const logEvent = logEvents[i];
    const message = isObject(logEvent) ? logEvent.message : undefined;
    if (typeof message !== 'string') {
      sink.problem({ ...where, reason: `logEvents[${i}] has no message` });
      continue;
    }
    const trimmed = message.trimStart();
    if (trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        sink.problem({ ...where, reason: `logEvents[${i}].message is not valid JSON` });
        continue;
      }
      dispatchElement(parsed, sink, where, i);
    } else if (looksLikeFlowRecord(trimmed)) {
      const record = parseFlowLine(trimmed, guessFlowFormat(trimmed.split(/\s+/).length));
      if (typeof record === 'string') sink.problem({ ...where, reason: `logEvents[${i}]: ${record}` });
      else sink.event({ kind: 'vpcflow', record, ref: ref(sink, where, i) });
    } else {
      sink.problem({ ...where, reason: `logEvents[${i}].message is not a known log record` });
    }
  }
}
