import { StringDecoder } from 'node:string_decoder';
import type { CloudTrailEvent, LogEvent, LogProblem } from '../types.ts';
import { scanCloudTrailFile } from './cloudtrail-scan.ts';
import { parseFlowHeader, looksLikeFlowRecord, guessFlowFormat, parseFlowLine, type FlowFormat } from './flow.ts';
import { jsonErrorPosition, scanJsonValues } from './json-scan.ts';
import { dispatchJson, type RecordSink } from './records.ts';

/** A RecordSink that gathers events into batches, so that consumers pay per batch, not per event. */
export class BatchSink implements RecordSink {
  private batch: LogEvent[] = [];
  constructor(
    readonly file: string,
    private readonly accept: (event: LogEvent) => boolean,
    private readonly report: (problem: LogProblem, wholeFile: boolean) => void,
    /** Whether CloudTrail delivery files are scanned into lazy records (LogReadOptions.lazyRecords). */
    readonly scanCloudTrail = false,
  ) {}
  event(event: LogEvent): void {
    if (this.accept(event)) this.batch.push(event);
  }
  /** A record that could not be read; the rest of the file still is. */
  problem(problem: Omit<LogProblem, 'file'>): void {
    this.report({ file: this.file, ...problem }, false);
  }
  /** The file (or the rest of it from here) could not be read. */
  fileProblem(problem: Omit<LogProblem, 'file'>): void {
    this.report({ file: this.file, ...problem }, true);
  }
  get size(): number {
    return this.batch.length;
  }
  take(): LogEvent[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }
}

interface Mode {
  push(chunk: Buffer): void;
  /** `aborted`: the input broke off (already reported); parse what is complete, report nothing more. */
  end(aborted: boolean): void;
}

const BATCH = 1000;
const SNIFF_LIMIT = 64 * 1024;

/**
 * Parses the (already inflated) bytes of one log file into batches of events. The format is
 * told from the content: JSON documents (CloudTrail delivery files, arrays of events,
 * CloudWatch Logs envelopes, possibly concatenated), JSON lines (CloudTrail events, Resolver
 * query logs), or VPC Flow Logs text. Line formats are parsed as they stream in; a JSON
 * document is parsed whole (one file at a time).
 */
export async function* parseLogFile(chunks: AsyncIterable<Buffer>, sink: BatchSink, onAbort: (error: unknown) => boolean): AsyncGenerator<LogEvent[]> {
  let mode: Mode | undefined;
  const head: Buffer[] = [];
  let headLength = 0;
  let aborted = false;
  try {
    for await (const chunk of chunks) {
      if (mode) {
        mode.push(chunk);
      } else {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < SNIFF_LIMIT && !chunk.includes(0x0a)) continue;
        const joined = concat(head);
        mode = chooseMode(joined, sink, false);
        mode.push(joined);
      }
      if (sink.size >= BATCH) yield sink.take();
    }
  } catch (error) {
    // The caller reports the failure (a problem for corrupt data; rethrown otherwise).
    if (!onAbort(error)) throw error;
    aborted = true;
  }
  if (!mode) {
    const joined = concat(head);
    mode = chooseMode(joined, sink, true);
    mode.push(joined);
  }
  mode.end(aborted);
  while (sink.size > 0) yield sink.take();
}

function chooseMode(head: Buffer, sink: BatchSink, complete: boolean): Mode {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // UTF-8 byte order mark
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i >= head.length) return new EmptyMode(sink);
  const first = head[i];
  if (first === 0x7b || first === 0x5b) {
    const start = head.subarray(i, i + 200).toString('latin1');
    if (/^\{\s*"Records"\s*:\s*\[/.test(start)) return new JsonDocumentMode(sink);
    const newline = head.indexOf(0x0a, i);
    if (newline < 0) return new JsonDocumentMode(sink);
    const firstLine = head.subarray(i, newline).toString('utf8').trim();
    if (isJson(firstLine)) return new LineMode(sink, jsonLine(sink));
    // A first line that is not JSON by itself: a pretty-printed document or concatenated
    // values, unless it is a broken record in JSON lines (then the next line is a record).
    const next = head.subarray(newline + 1, head.indexOf(0x0a, newline + 1) < 0 ? head.length : head.indexOf(0x0a, newline + 1)).toString('utf8').trim();
    const recordLike = (line: string) => line.startsWith('{') && line.endsWith('}');
    if (firstLine.startsWith('{') && recordLike(next)) return new LineMode(sink, jsonLine(sink));
    return new JsonDocumentMode(sink);
  }
  if (head.subarray(i, i + 4).toString('latin1') === 'PAR1') {
    return new RejectMode(sink, 'Parquet files are not read as logs (query them with vigil trail query)');
  }
  const newline = head.indexOf(0x0a, i);
  const firstLine = head.subarray(i, newline < 0 ? head.length : newline).toString('utf8');
  if (newline >= 0 || complete) {
    const header = parseFlowHeader(firstLine);
    if (header || looksLikeFlowRecord(firstLine)) return new LineMode(sink, flowLine(sink, header));
  }
  return new RejectMode(sink, 'not a known log format (CloudTrail, CloudWatch Logs envelope, VPC Flow Logs, Resolver query logs)');
}

/** Buffer.concat copies even a single buffer; a whole file arrives as one. */
function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

class EmptyMode implements Mode {
  private delegate: Mode | undefined;
  private buffered: Buffer[] = [];
  constructor(private readonly sink: BatchSink) {}
  private length = 0;
  // Only whitespace so far: decide once enough content has arrived (or at the end).
  push(chunk: Buffer): void {
    if (this.delegate) return this.delegate.push(chunk);
    this.buffered.push(chunk);
    this.length += chunk.length;
    if (this.length > SNIFF_LIMIT) {
      const joined = Buffer.concat(this.buffered);
      this.buffered = [];
      this.length = 0;
      if (!/\S/.test(joined.toString('latin1'))) return; // still only whitespace
      this.delegate = chooseMode(joined, this.sink, false);
      this.delegate.push(joined);
    }
  }
  end(aborted: boolean): void {
    if (!this.delegate && this.buffered.length > 0) {
      const joined = Buffer.concat(this.buffered);
      if (/\S/.test(joined.toString('latin1'))) {
        this.delegate = chooseMode(joined, this.sink, true);
        this.delegate.push(joined);
      }
    }
    this.delegate?.end(aborted);
  }
}

class RejectMode implements Mode {
  constructor(sink: BatchSink, reason: string) {
    sink.fileProblem({ offset: 0, reason });
  }
  push(): void {}
  end(): void {}
}

/** A whole JSON document (or several concatenated), parsed when the file ends. */
class JsonDocumentMode implements Mode {
  private chunks: Buffer[] = [];
  constructor(private readonly sink: BatchSink) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }
  end(aborted: boolean): void {
    const bytes = concat(this.chunks);
    this.chunks = [];
    if (this.sink.scanCloudTrail && !aborted && this.scan(bytes)) return;
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.salvage(text, aborted, error);
      return;
    }
    dispatchJson(value, this.sink, { offset: 0 });
  }

  /** A plain CloudTrail delivery file, scanned (false: anything else, parsed the ordinary way). */
  private scan(bytes: Buffer): boolean {
    const sink = this.sink;
    const records = scanCloudTrailFile(bytes, (offset, field) => sink.problem({ offset, reason: `${field} is not valid JSON (read as absent)` }));
    if (!records) return false;
    for (let i = 0; i < records.length; i++) sink.event({ kind: 'cloudtrail', record: records[i] as CloudTrailEvent, ref: { file: sink.file, index: i } });
    return true;
  }

  /** Not one document: concatenated values (Firehose), or corrupt. Parse each value alone. */
  private salvage(text: string, aborted: boolean, parseError: unknown): void {
    const byteOffset = (position: number) => Buffer.byteLength(text.slice(0, position));
    for (const span of scanJsonValues(text)) {
      if ('error' in span) {
        if (!aborted) {
          const position = jsonErrorPosition(parseError);
          const offset = span.error.startsWith('truncated') || position === undefined ? byteOffset(span.start) : byteOffset(Math.max(span.start, position));
          this.sink.fileProblem({ offset, reason: span.error });
        }
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(text.slice(span.start, span.end));
      } catch (error) {
        const position = jsonErrorPosition(error);
        this.sink.problem({ offset: byteOffset(span.start + (position ?? 0)), reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      dispatchJson(value, this.sink, { offset: byteOffset(span.start) });
    }
  }
}

/** Splits a byte stream into lines (1-based numbers), decoding UTF-8 across chunk edges. */
class LineMode implements Mode {
  private decoder = new StringDecoder('utf8');
  private pending = '';
  private lineNumber = 0;
  constructor(
    private readonly sink: BatchSink,
    private readonly onLine: (line: string, lineNumber: number) => void,
  ) {}
  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      this.line(text.slice(start, newline));
      start = newline + 1;
    }
    this.pending = text.slice(start);
  }
  end(aborted: boolean): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    // After a broken input the last line is incomplete: the failure is already reported.
    if (!aborted && rest.trim() !== '') this.line(rest);
  }
  private line(raw: string): void {
    this.lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    this.onLine(line, this.lineNumber);
  }
}

function jsonLine(sink: BatchSink) {
  return (line: string, lineNumber: number) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      sink.problem({ line: lineNumber, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    dispatchJson(value, sink, { line: lineNumber });
  };
}

function flowLine(sink: BatchSink, header: FlowFormat | undefined) {
  let format = header;
  let first = true;
  return (line: string, lineNumber: number) => {
    if (first) {
      first = false;
      if (header) return; // the header line itself
    }
    const current = format ?? guessFlowFormat(line.trim().split(/\s+/).length);
    if (!header) format = current;
    const record = parseFlowLine(line, current);
    if (typeof record === 'string') sink.problem({ line: lineNumber, reason: record });
    else sink.event({ kind: 'vpcflow', record, ref: { file: sink.file, line: lineNumber } });
  };
}
