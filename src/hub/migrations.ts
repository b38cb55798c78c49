import type { Db } from './db.ts';

/**
 * Versioned schema migrations, applied in order and recorded in schema_migrations. Never edit
 * a released migration: add the next one. Each is portable SQL, with per-dialect variants
 * only where SQLite and PostgreSQL differ (auto-increment keys).
 */
interface Migration {
  version: number;
  sql: (dialect: Db['dialect']) => string;
}

const autoId = (dialect: Db['dialect']) => (dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY');
// History rows are only ever appended: SQLite's plain rowid key is enough, without the
// AUTOINCREMENT bookkeeping on every insert.
const appendId = (dialect: Db['dialect']) => (dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY');
// A table that is nothing but its key is stored as that key alone in SQLite.
const keyOnly = (dialect: Db['dialect']) => (dialect === 'sqlite' ? ' WITHOUT ROWID' : '');

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: (dialect) => `
      CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        type TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        status TEXT,
        workflow TEXT NOT NULL,
        workflow_by TEXT NOT NULL,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        title TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        count INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX findings_last_seen ON findings (last_seen);
      CREATE INDEX findings_filter ON findings (workflow, severity_rank, source);
      CREATE INDEX findings_scope ON findings (source, account, region);
      CREATE TABLE finding_history (
        id ${appendId(dialect)},
        finding_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        field TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        note TEXT
      );
      CREATE INDEX finding_history_finding ON finding_history (finding_id, id);
      CREATE TABLE scans (
        id ${autoId(dialect)},
        at TEXT NOT NULL,
        command TEXT NOT NULL,
        source TEXT NOT NULL,
        scope TEXT NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE TABLE scan_results (
        scan_id INTEGER NOT NULL,
        finding_id TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (scan_id, finding_id)
      )${keyOnly(dialect)};
      CREATE TABLE outbox (
        id ${autoId(dialect)},
        destination TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        finding_id TEXT,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        claimed_until TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `,
  },
  {
    // Digest deliveries: the rows of one digest message share a batch key, so a retry after a
    // crash resends the same message under the same idempotency key.
    version: 2,
    sql: () => 'ALTER TABLE outbox ADD COLUMN batch_key TEXT;',
  },
  {
    // Listing is "worst first, newest first, first N": an index in that order lets a filtered
    // list stop after N matches instead of sorting every match. It serves `--since` too.
    version: 3,
    sql: () => `
      DROP INDEX findings_last_seen;
      CREATE INDEX findings_order ON findings (severity_rank, last_seen, id);
    `,
  },
  {
    // One narrow index for the state queries instead of findings_filter and findings_scope:
    // open problems by severity after every scan (read from the index alone), the quiet period,
    // and scope-aware resolution (open problems of the source; account and region are checked
    // on those rows). An index led by account or region is written all over for every batch
    // of a scan that interleaves accounts, which made upserts a third slower. Listing walks
    // findings_order.
    version: 4,
    sql: () => `
      DROP INDEX findings_filter;
      DROP INDEX findings_scope;
      CREATE INDEX findings_state ON findings (workflow, source, severity);
    `,
  },
];

export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const row = await db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  const current = Number(row?.version ?? 0);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql(db.dialect));
      await tx.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [migration.version, new Date().toISOString()]);
    });
  }
  return MIGRATIONS.at(-1)!.version;
}
