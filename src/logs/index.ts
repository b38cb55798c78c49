import { stat } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { InputError } from '../core/errors.ts';
import { parseUtcTimestamp } from '../core/time.ts';
import { decompress, GzipError } from './decompress.ts';
import { mergeConcurrent } from './merge.ts';
import { BatchSink, parseLogFile } from './parse/file.ts';
import { localObject, walkFolder } from './sources/local.ts';
import type { LogObject } from './sources/object.ts';
import type { S3Access } from './sources/s3-client.ts';
import type { LogEvent, LogProblem, LogReadOptions, LogStats, LogStream } from './types.ts';

export type * from './types.ts';
export type { LogObject } from './sources/object.ts';
export type { S3Access } from './sources/s3-client.ts';

/** Problems kept in `stats.problems`; every one still goes to `onProblem` and the counts. */
const MAX_KEPT_PROBLEMS = 10_000;

export function emptyStats(): LogStats {
  return { files: 0, filesSkipped: 0, bytes: 0, events: 0, filtered: 0, skipped: 0, byKind: { cloudtrail: 0, vpcflow: 0, dns: 0 }, problems: [] };
}

/**
 * Contract 4: the events of every input (files, folders walked recursively, `s3://bucket/prefix`)
 * as one async iterable, formats told apart by content. Files are read a few at a time and
 * events come in no particular order across files. A corrupt file or record becomes a problem
 * (reported through `onProblem`, counted in `stats`) and the rest is still read. Inputs that do
 * not exist are an InputError, raised when iteration starts.
 */
export function openLogs(inputs: string[], options: LogReadOptions = {}): LogStream {
  const stats = emptyStats();
  return {
    stats,
    batches: () => readAll(inputs, options, stats),
    [Symbol.asyncIterator]: () => eachEvent(readAll(inputs, options, stats))[Symbol.asyncIterator](),
  };
}

async function* eachEvent(batches: AsyncIterable<LogEvent[]>): AsyncGenerator<LogEvent> {
  for await (const batch of batches) yield* batch;
}

/**
 * Streams (S3 objects) are fetched `concurrency` at once and parsed as they arrive. A local
 * file is read whole, synchronously, when the consumer asks for its events, one file at a
 * time: parsed records do not pile up ahead of the consumer, so they die young, which keeps
 * V8's minor collections cheap (each one copies whatever is still alive).
 */
async function* readAll(inputs: string[], options: LogReadOptions, stats: LogStats): AsyncGenerator<LogEvent[]> {
  const report = (problem: LogProblem, wholeFile: boolean) => {
    if (wholeFile) stats.filesSkipped++;
    else stats.skipped++;
    if (stats.problems.length < MAX_KEPT_PROBLEMS) stats.problems.push(problem);
    options.onProblem?.(problem);
  };
  const s3 = new LazyS3(options);
  try {
    const objects = await listInputs(inputs, options, report, s3);
    const accept = timeWindow(options, stats);
    // Local files are read when their turn comes: fetching ahead buys nothing for them.
    const concurrency = options.concurrency ?? (inputs.some(isS3Url) ? 16 : 1);
    const newSink = (name: string) => new BatchSink(name, accept, report, options.lazyRecords === true);
    const fetched = mergeConcurrent(objects(), concurrency, (object) => fetchObject(object, stats, newSink));
    for await (const item of fetched) {
      if (Array.isArray(item)) yield item;
      else yield* parseWhole(item.object, stats, newSink);
    }
  } finally {
    s3.close();
  }
}

/** One S3 connection pool for all s3:// inputs of a stream, made only when one is listed. */
class LazyS3 {
  private access: S3Access | undefined;
  constructor(private readonly options: LogReadOptions) {}
  async get(): Promise<S3Access> {
    if (!this.access) {
      const { s3Access } = await import('./sources/s3-client.ts');
      this.access ??= this.options.s3 ?? s3Access(this.options);
    }
    return this.access;
  }
  close(): void {
    if (this.access && this.access !== this.options.s3) this.access.close();
  }
}

export const isS3Url = (input: string) => input.startsWith('s3://');

type Report = (problem: LogProblem, wholeFile: boolean) => void;

/** Checks every local input up front (a typo is exit 2 before any work), then lists lazily. */
async function listInputs(inputs: string[], options: LogReadOptions, report: Report, s3: LazyS3): Promise<() => AsyncGenerator<LogObject>> {
  const kinds = new Map<string, 'file' | 'dir' | 's3'>();
  for (const input of inputs) {
    if (isS3Url(input)) {
      kinds.set(input, 's3');
      continue;
    }
    try {
      const info = await stat(input);
      kinds.set(input, info.isDirectory() ? 'dir' : 'file');
    } catch {
      throw new InputError('no such file or folder', input);
    }
  }
  const onListError = (path: string, error: unknown) => report({ file: path, reason: `cannot read: ${describe(error)}` }, true);
  return async function* () {
    for (const input of inputs) {
      const kind = kinds.get(input);
      if (kind === 'file') yield localObject(input);
      else if (kind === 'dir') yield* walkFolder(input, onListError);
      else yield* listS3Input(input, options, onListError, s3);
    }
  };
}

async function* listS3Input(url: string, options: LogReadOptions, onError: (path: string, error: unknown) => void, s3: LazyS3): AsyncGenerator<LogObject> {
  const { listS3Objects } = await import('./sources/s3.ts');
  yield* listS3Objects(url, options, onError, await s3.get());
}

/** A file to be read whole when the consumer is ready for it. */
interface Deferred {
  object: LogObject & { readWhole(): Buffer | undefined };
}

/**
 * Fetches one file or object: a file that reads whole (local files) is passed on to be read
 * when its turn comes; a stream (S3) is read and parsed as it arrives. Read failures become
 * problems.
 */
async function* fetchObject(object: LogObject, stats: LogStats, newSink: (name: string) => BatchSink): AsyncGenerator<Deferred | LogEvent[]> {
  if (object.readWhole) {
    yield { object: object as Deferred['object'] };
    return;
  }
  yield* streamObject(object, stats, newSink(object.name));
}

async function* streamObject(object: LogObject, stats: LogStats, sink: BatchSink): AsyncGenerator<LogEvent[]> {
  stats.files++;
  let source: AsyncIterable<Uint8Array>;
  try {
    source = await object.open();
  } catch (error) {
    sink.fileProblem({ reason: `cannot read: ${describe(error)}` });
    return;
  }
  const counted = async function* () {
    for await (const chunk of source) {
      stats.bytes += chunk.length;
      yield chunk;
    }
  };
  const { chunks } = decompress(counted());
  yield* parseLogFile(chunks, sink, abortHandler(sink, stats));
}

/** Reads a file whole and parses it into batches of events (a file too large to read whole is streamed). */
async function* parseWhole(object: Deferred['object'], stats: LogStats, newSink: (name: string) => BatchSink): AsyncGenerator<LogEvent[]> {
  // Reading and parsing are synchronous: let the event loop run between files (timers,
  // signals, messages from detection workers), which costs microseconds a file.
  await setImmediate();
  const sink = newSink(object.name);
  let whole: Buffer | undefined;
  try {
    whole = object.readWhole();
  } catch (error) {
    stats.files++;
    sink.fileProblem({ reason: `cannot read: ${describe(error)}` });
    return;
  }
  if (!whole) {
    yield* streamObject(object, stats, sink);
    return;
  }
  stats.files++;
  stats.bytes += whole.length;
  // One inflate call, as the floor does; a failure takes the streaming path over the same
  // bytes, which finds the offset and keeps what is readable.
  const inflated = whole[0] === 0x1f && whole[1] === 0x8b ? tryGunzip(whole) : whole;
  yield* parseLogFile(inflated ? single(inflated) : decompress(single(whole)).chunks, sink, abortHandler(sink, stats));
  // The consumer has taken every event of the file and asked for more.
  giveBack(whole);
  if (inflated && inflated !== whole) giveBack(inflated);
}

/**
 * Frees a file's bytes now instead of at V8's next full collection. The buffer's JS object
 * often lives long enough to reach the old generation, where its memory (outside the V8 heap,
 * ~1 MB a CloudTrail file) waits for a full collection: measured, 16-84 MB of dead file
 * buffers per thread, most of the process's malloc heap. Detaching the ArrayBuffer hands its
 * memory to a new, short-lived object that the next young collection frees. Scanned records
 * (LogReadOptions.lazyRecords) read their lazy fields from these bytes: their readers do not
 * keep records past the file. Only buffers with an ArrayBuffer of their own are given back
 * (small ones share Node's pool).
 */
function giveBack(bytes: Buffer): void {
  const memory = bytes.buffer;
  if (memory.byteLength <= Buffer.poolSize || !(memory instanceof ArrayBuffer)) return;
  structuredClone(memory, { transfer: [memory] });
}

function abortHandler(sink: BatchSink, stats: LogStats): (error: unknown) => boolean {
  return (error) => {
    if (error instanceof GzipError) sink.fileProblem({ offset: error.offset, reason: error.message });
    else sink.fileProblem({ offset: stats.bytes, reason: `read failed: ${describe(error)}` });
    return true;
  };
}

/** The most output room given to zlib at once on the word of a file's own size field. */
const MAX_FIRST_CHUNK = 64 * 2 ** 20;
/** ...and at most this many times the compressed size (JSON logs inflate 10-30 times). */
const MAX_STATED_RATIO = 128;

function tryGunzip(bytes: Buffer): Buffer | undefined {
  try {
    // The gzip trailer states the inflated size (of the last member, modulo 4 GiB). Room for
    // all of it at once saves zlib's 16 KB steps and joining them at the end (measured: 35 %
    // of the inflate time on CloudTrail files). Only a hint: a wrong size costs more steps.
    const stated = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
    const room = Math.min(stated + 1, MAX_FIRST_CHUNK, bytes.length * MAX_STATED_RATIO);
    return gunzipSync(bytes, { chunkSize: Math.max(room, zlibConstants.Z_DEFAULT_CHUNK) });
  } catch {
    return undefined;
  }
}

async function* single(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

function describe(error: unknown): string {
  const e = error as { code?: string; name?: string; message?: string };
  return [e?.code ?? e?.name, e?.message].filter(Boolean).join(': ') || String(error);
}

/** The time of an event (ms since the epoch), or undefined when it has none that parses. */
export function eventTime(event: LogEvent): number | undefined {
  let time: number;
  switch (event.kind) {
    case 'cloudtrail':
      time = parseUtcTimestamp(event.record.eventTime);
      break;
    case 'dns':
      time = Date.parse(event.record.query_timestamp);
      break;
    case 'vpcflow':
      time = event.record.start === undefined ? Number.NaN : event.record.start * 1000;
      break;
  }
  return Number.isNaN(time) ? undefined : time;
}

/** Counts each event and keeps it when it falls in [since, until] (events without a time are kept). */
function timeWindow(options: LogReadOptions, stats: LogStats): (event: LogEvent) => boolean {
  const since = options.since?.getTime() ?? -Infinity;
  const until = options.until?.getTime() ?? Infinity;
  const filtering = options.since !== undefined || options.until !== undefined;
  return (event) => {
    if (filtering) {
      const time = eventTime(event);
      if (time !== undefined && (time < since || time > until)) {
        stats.filtered++;
        return false;
      }
    }
    stats.events++;
    stats.byKind[event.kind]++;
    return true;
  };
}
