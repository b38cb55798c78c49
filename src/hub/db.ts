import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The smallest SQL surface the store needs, over SQLite (better-sqlite3, embedded default)
 * and PostgreSQL (pg, for teams sharing one store). Statements are written once with `?`
 * placeholders and portable SQL (ON CONFLICT upserts, TEXT timestamps in ISO-8601).
 */
export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
  /**
   * One single-row statement (`INSERT … VALUES (?, …) [ON CONFLICT …]`, or any statement on
   * SQLite) for each of many rows: SQLite reuses one prepared statement; PostgreSQL sends the
   * rows as column arrays to one prepared `INSERT … SELECT … FROM unnest(…)`, a round trip per
   * few thousand rows. Rows must not conflict with each other under `ON CONFLICT DO UPDATE`
   * (PostgreSQL refuses to update a row twice in one statement).
   */
  runMany(sql: string, rows: unknown[][]): Promise<{ changes: number }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: all of it or none of it. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_STORE = join(homedir(), '.vigil', 'vigil.db');

/** Opens `postgres://…` URLs with pg, anything else as a SQLite file path. */
export async function openDb(location: string = DEFAULT_STORE): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgres(location);
  return openSqlite(location);
}

async function openSqlite(path: string): Promise<Db> {
  const { default: Database } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: readers (the dashboard) never block the writer (a scan or the notifier).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  // A million findings with their indexes outgrow SQLite's 2 MB default page cache.
  db.pragma('cache_size = -131072');
  db.pragma('mmap_size = 268435456');
  // Fewer, larger WAL checkpoints: bulk upserts of a large scan would otherwise checkpoint
  // (and fsync) every 4 MB.
  db.pragma('wal_autocheckpoint = 10000');
  const statements = new Map<string, import('better-sqlite3').Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  let depth = 0;
  const sqlite: Db = {
    dialect: 'sqlite',
    all: async (sql, params = []) => prepare(sql).all(...params) as never,
    get: async (sql, params = []) => prepare(sql).get(...params) as never,
    run: async (sql, params = []) => ({ changes: prepare(sql).run(...params).changes }),
    runMany: async (sql, rows) => {
      const statement = prepare(sql);
      let changes = 0;
      for (const row of rows) changes += statement.run(row).changes;
      return { changes };
    },
    exec: async (sql) => void db.exec(sql),
    transaction: async (fn) => {
      // Nested calls join the outer transaction.
      if (depth > 0) return fn(sqlite);
      depth++;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(sqlite);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close: async () => {
      // Keep the planner's statistics current (cheaply, sampled), so filtered lists use the
      // ordered index on a large store instead of sorting every match.
      db.pragma('analysis_limit = 400');
      db.pragma('optimize');
      db.close();
    },
  };
  return sqlite;
}

/** `?` → `$1, $2…` (the store's SQL never has `?` inside string literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Rows per PostgreSQL runMany statement: bounds the size of one message. */
const PG_ROWS_PER_STATEMENT = 5000;

/**
 * `INSERT INTO t (a, b, c) VALUES (?, 'x', ?) …` as one statement for many rows: each `?`
 * becomes an array parameter that `unnest` turns back into rows,
 * `INSERT INTO t (a, b, c) SELECT v1, 'x', v2 FROM unnest($1::text[], $2::bigint[]) AS u (v1, v2) …`.
 * The text is the same whatever the number of rows, so it is prepared once per connection.
 */
function unnestInsert(sql: string, types: string[]): string {
  const match = /VALUES\s*\(([^()]*)\)/i.exec(sql);
  if (!match) throw new Error(`runMany needs a single-row VALUES statement: ${sql.slice(0, 80)}`);
  let n = 0;
  const select = match[1]!.split(',').map((item) => (item.trim() === '?' ? `v${++n}` : item.trim()));
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`);
  const names = types.map((_, i) => `v${i + 1}`);
  return `${sql.slice(0, match.index)}SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u (${names.join(', ')})${sql.slice(match.index + match[0].length)}`;
}

/**
 * An array parameter's type: numbers are sent as bigint (the store writes whole numbers only),
 * all else as text, and so is a column of nulls only (none of the store's integer columns is
 * nullable).
 */
function arrayType(rows: unknown[][], column: number): string {
  for (const row of rows) {
    const value = row[column];
    if (value !== null && value !== undefined) return typeof value === 'number' ? 'bigint' : 'text';
  }
  return 'text';
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  type Result = { rows: unknown[]; rowCount: number | null };
  type Queryable = {
    query(sql: string, params?: unknown[]): Promise<Result>;
    query(config: { name: string; text: string; values: unknown[] }): Promise<Result>;
  };
  // runMany statements prepared by name: pg prepares a name once per connection, so PostgreSQL
  // parses and plans each once instead of once per batch.
  const prepared = new Map<string, { name: string; text: string }>();
  const unnestStatement = (sql: string, types: string[]) => {
    const key = `${types.join(',')}\u0000${sql}`;
    let statement = prepared.get(key);
    if (!statement) {
      statement = { name: `vigil_many_${prepared.size + 1}`, text: unnestInsert(sql, types) };
      prepared.set(key, statement);
    }
    return statement;
  };
  const over = (client: Queryable, inTransaction: boolean): Db => {
    const self: Db = {
      dialect: 'postgres',
      all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows as never,
      get: async (sql, params = []) => (await client.query(numbered(sql), params)).rows[0] as never,
      run: async (sql, params = []) => ({ changes: (await client.query(numbered(sql), params)).rowCount ?? 0 }),
      runMany: async (sql, rows) => {
        if (rows.length === 0) return { changes: 0 };
        const types = rows[0]!.map((_, column) => arrayType(rows, column));
        const statement = unnestStatement(sql, types);
        let changes = 0;
        for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
          const chunk = rows.slice(i, i + PG_ROWS_PER_STATEMENT);
          const values = types.map((_, column) => chunk.map((row) => row[column] ?? null));
          changes += (await client.query({ ...statement, values })).rowCount ?? 0;
        }
        return { changes };
      },
      exec: async (sql) => void (await client.query(sql)),
      transaction: async (fn) => {
        if (inTransaction) return fn(self);
        const connection = await pool.connect();
        try {
          await connection.query('BEGIN');
          const result = await fn(over(connection, true));
          await connection.query('COMMIT');
          return result;
        } catch (error) {
          await connection.query('ROLLBACK');
          throw error;
        } finally {
          connection.release();
        }
      },
      close: async () => {
        if (!inTransaction) await pool.end();
      },
    };
    return self;
  };
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const { InputError } = await import('../core/errors.ts');
    // The URL may hold a password: name the host only.
    const host = new URL(url).host;
    throw new InputError(`cannot connect to PostgreSQL at ${host}: ${(error as Error).message}`, '--store');
  }
  return over(pool as unknown as Queryable, false);
}
