import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../core/errors.ts';

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/** Runs the user's SQL; a DuckDB error (syntax, unknown column) is bad input, exit 2. */
export async function runQuery(connection: DuckDBConnection, sql: string): Promise<QueryResult> {
  try {
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJS().map((row) => plain(row) as Record<string, unknown>) };
  } catch (error) {
    throw new InputError(`SQL: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
}

/** Values as JSON can carry them: counts as numbers (strings past 2^53), times as ISO text. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
