import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { openLogs, type LogReadOptions, type LogStats } from '../../logs/index.ts';
import { ATHENA_COMPAT_MACROS, athenaSelectList, readJsonColumns } from './duckdb-schema.ts';

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
    if (logs.length > 0) {
      const file = join(work, 'records.jsonl');
      const stream = openLogs(logs, options);
      await writeRecords(stream, file);
      stats = stream.stats;
      await connection.run(`CREATE TABLE raw AS SELECT * FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = ${readJsonColumns()}, maximum_object_size = 268435456)`);
      rmSync(file, { force: true });
      parts.push(`SELECT\n  ${athenaSelectList()},\n  "recipientAccountId" AS account, "awsRegion" AS region, strftime(TRY_CAST("eventTime" AS TIMESTAMP), '%Y/%m/%d') AS "timestamp"\nFROM raw`);
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
