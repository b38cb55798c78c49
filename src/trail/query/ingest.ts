import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogReadOptions, LogStats } from '../../logs/index.ts';
import { ATHENA_COLUMN_NAMES } from './duckdb-schema.ts';
import { INGEST_MARKER, openTrailDatabase } from './database.ts';

export interface IngestResult {
  rows: number;
  stats: LogStats | undefined;
}

/**
 * Converts logs to Parquet partitioned as account=/region=/date=/ (Hive style) with Athena's
 * CloudTrail columns, so that repeated `trail query` runs read columns, not JSON. Each run
 * appends new files; the marker file tells `trail query` the folder is an ingested store.
 */
export async function ingestTrail(inputs: string[], to: string, options: LogReadOptions = {}): Promise<IngestResult> {
  const database = await openTrailDatabase(inputs, options);
  try {
    mkdirSync(to, { recursive: true });
    const columns = ATHENA_COLUMN_NAMES.map((c) => `"${c}"`).join(', ');
    const target = `'${to.replace(/'/g, "''")}'`;
    const copied = await database.connection.runAndReadAll(
      `COPY (SELECT ${columns}, coalesce(account, 'unknown') AS account, coalesce(region, 'unknown') AS region, coalesce(strftime(TRY_CAST(eventtime AS TIMESTAMP), '%Y-%m-%d'), 'unknown') AS date FROM cloudtrail) TO ${target} (FORMAT PARQUET, PARTITION_BY (account, region, date), APPEND, COMPRESSION ZSTD)`,
    );
    const rows = Number(copied.getRows()[0]?.[0] ?? 0);
    writeFileSync(join(to, INGEST_MARKER), `${JSON.stringify({ format: 'vigil-trail-ingest/1', layout: 'account=/region=/date=/*.parquet', updatedAt: new Date().toISOString() }, null, 2)}\n`);
    return { rows, stats: database.stats };
  } finally {
    database.close();
  }
}
