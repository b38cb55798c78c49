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
   * SQLite) for each of many rows: SQLite reuses one prepared statement, PostgreSQL sends
   * multi-row VALUES, a round trip per thousand rows. Rows must not conflict with each other
   * under `ON CONFLICT DO UPDATE` (PostgreSQL refuses to update a row twice in one statement).
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

/** PostgreSQL takes at most 65,535 parameters per statement. */
const PG_MAX_PARAMETERS = 65_535;
const PG_MAX_ROWS = 1000;

/** `INSERT … VALUES (?, ?) …` for n rows: the one tuple repeated n times, numbered. */
function multiRow(sql: string, n: number): string {
  const match = /VALUES\s*(\([^()]*\))/i.exec(sql);
  if (!match) throw new Error(`runMany needs a single-row VALUES statement: ${sql.slice(0, 80)}`);
  const tuples = Array.from({ length: n }, () => match[1]).join(', ');
  return numbered(`${sql.slice(0, match.index)}VALUES ${tuples}${sql.slice(match.index + match[0].length)}`);
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  type Result = { rows: unknown[]; rowCount: number | null };
  type Queryable = {
    query(sql: string, params?: unknown[]): Promise<Result>;
    query(config: { name: string; text: string; values: unknown[] }): Promise<Result>;
  };
  // A full chunk of each runMany statement, prepared by name: pg prepares a name once per
  // connection, so PostgreSQL parses and plans it once instead of once per batch.
  const prepared = new Map<string, { name: string; text: string }>();
  const fullChunk = (sql: string, n: number) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = { name: `vigil_many_${prepared.size + 1}`, text: multiRow(sql, n) };
      prepared.set(sql, statement);
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
        const per = Math.max(1, Math.min(PG_MAX_ROWS, Math.floor(PG_MAX_PARAMETERS / rows[0]!.length)));
        let changes = 0;
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          // The remainder's size varies from batch to batch: sent unnamed, planned once.
          const result = chunk.length === per
            ? await client.query({ ...fullChunk(sql, per), values: chunk.flat() })
            : await client.query(multiRow(sql, chunk.length), chunk.flat());
          changes += result.rowCount ?? 0;
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
