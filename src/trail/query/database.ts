import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openLogs, type LogReadOptions, type LogStats } from '../../logs/index.ts';
import { ATHENA_COMPAT_MACROS, athenaSelectList, deliveryFileColumns, readJsonColumns } from './duckdb-schema.ts';
import { walkFolder } from '../../logs/sources/local.ts';
import { open } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';

/** Marker `vigil trail ingest` writes at the root of a Parquet folder. */
export const INGEST_MARKER = '.vigil-trail-ingest.json';

export function isIngestFolder(path: string): boolean {
  return !path.startsWith('s3://') && existsSync(join(path, INGEST_MARKER)) && statSync(path).isDirectory();
}

export interface TrailDatabase {
  connection: DuckDBConnection;
  /** Log reading counts (empty when every input was an ingested Parquet folder). */
  stats: LogStats | undefined;
  close(): void;
}

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

const rawView = `SELECT\n  ${athenaSelectList()},\n  "recipientAccountId" AS account, "awsRegion" AS region, strftime(TRY_CAST("eventTime" AS TIMESTAMP), '%Y/%m/%d') AS "timestamp"\nFROM raw`;

/**
 * The fast path: when every input is a local CloudTrail delivery file (`{"Records":[…]}`, gzip
 * or not, told by content), DuckDB reads them itself, in parallel. Anything else, or any file
 * DuckDB cannot read (corrupt, truncated), and the log sources read everything instead, so the
 * corrupt-file rules of Contract 4 still apply. Returns the stats, or undefined to fall back.
 */
async function loadDeliveryFilesDirectly(connection: DuckDBConnection, inputs: string[]): Promise<LogStats | undefined> {
  if (inputs.some((input) => input.startsWith('s3://'))) return undefined;
  const files: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) return undefined;
    if (statSync(input).isDirectory()) {
      for await (const object of walkFolder(input, () => undefined)) files.push(object.name);
    } else {
      files.push(input);
    }
    if (files.length > MAX_DIRECT_FILES) return undefined;
  }
  if (files.length === 0) return undefined;
  for (const file of files) if (!(await isDeliveryFile(file))) return undefined;
  try {
    await connection.run(`CREATE TABLE raw AS SELECT unnest(record) FROM (SELECT unnest(Records) AS record FROM read_json([${files.map(sqlString).join(', ')}], format = 'auto', records = true, columns = ${deliveryFileColumns()}, maximum_object_size = 1073741824))`);
  } catch {
    await connection.run('DROP TABLE IF EXISTS raw');
    return undefined;
  }
  const counted = await connection.runAndReadAll('SELECT count(*) FROM raw');
  const events = Number(counted.getRows()[0]?.[0] ?? 0);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  return { files: files.length, filesSkipped: 0, bytes, events, filtered: 0, skipped: 0, byKind: { cloudtrail: events, vpcflow: 0, dns: 0 }, problems: [] };
}

/** Beyond this many files the query text itself gets large; the log sources take over. */
const MAX_DIRECT_FILES = 50_000;

/** Whether a file starts (after inflating, when gzip) with `{"Records":`. Reads the first chunk only. */
async function isDeliveryFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    let head: Buffer = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      try {
        head = inflateHead(head);
      } catch {
        return false;
      }
    }
    return /^\s*\{\s*"Records"\s*:\s*\[/.test(head.subarray(0, 200).toString('latin1'));
  } finally {
    await handle.close();
  }
}

/** The first inflated bytes of a gzip prefix (a partial stream is fine). */
function inflateHead(prefix: Buffer): Buffer {
  return gunzipSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * An in-memory DuckDB with a `cloudtrail` view (Athena's CloudTrail columns, plus `account`,
 * `region` and `timestamp` as Athena's partition-projected table has them) over the inputs.
 * Log inputs (files, folders, s3://) are read through the log sources, so every format and
 * corrupt-file rule of Contract 4 applies; their CloudTrail records are streamed to a temporary
 * JSON-lines file that DuckDB reads with an explicit schema. Ingested Parquet folders are read
 * in place.
 */
export async function openTrailDatabase(inputs: string[], options: LogReadOptions = {}): Promise<TrailDatabase> {
  const parquet = inputs.filter(isIngestFolder);
  const logs = inputs.filter((input) => !parquet.includes(input));
  const work = mkdtempSync(join(tmpdir(), 'vigil-trail-'));
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: join(work, 'duckdb') });
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    for (const macro of ATHENA_COMPAT_MACROS) await connection.run(macro);
    const parts: string[] = [];
    let stats: LogStats | undefined;
    const direct = logs.length > 0 && !options.since && !options.until ? await loadDeliveryFilesDirectly(connection, logs) : undefined;
    if (direct) {
      stats = direct;
      parts.push(rawView);
    } else if (logs.length > 0) {
      const file = join(work, 'records.jsonl');
      const stream = openLogs(logs, options);
      await writeRecords(stream, file);
      stats = stream.stats;
      await connection.run(`CREATE TABLE raw AS SELECT * FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = ${readJsonColumns()}, maximum_object_size = 268435456)`);
      rmSync(file, { force: true });
      parts.push(rawView);
    }
    for (const folder of parquet) {
      const glob = join(folder, '**', '*.parquet');
      parts.push(`SELECT * EXCLUDE (date), replace(CAST(date AS VARCHAR), '-', '/') AS "timestamp" FROM read_parquet(${sqlString(glob)}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`);
    }
    await connection.run(`CREATE VIEW cloudtrail AS ${parts.join('\nUNION ALL BY NAME\n')}`);
    // The names the Athena documentation's queries use.
    await connection.run('CREATE VIEW cloudtrail_logs AS SELECT * FROM cloudtrail');
    await connection.run('CREATE VIEW cloudtrail_logs_pp AS SELECT * FROM cloudtrail');
    return { connection, stats, close };
  } catch (error) {
    close();
    throw error;
  }
}

/** Streams CloudTrail records to a JSON-lines file, honouring backpressure. Returns how many. */
async function writeRecords(stream: AsyncIterable<import('../../logs/index.ts').LogEvent>, file: string): Promise<number> {
  const out = createWriteStream(file);
  let count = 0;
  let buffer = '';
  try {
    for await (const event of stream) {
      if (event.kind !== 'cloudtrail') continue;
      buffer += `${JSON.stringify(event.record)}\n`;
      count++;
      if (buffer.length >= 1 << 20) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    if (buffer) out.write(buffer);
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return count;
}
