import type { Finding, FindingSource, ResourceRef, ResultStatus, WorkflowState } from '../core/finding.ts';
import { InputError } from '../core/errors.ts';
import { severityRank, type Severity } from '../core/severity.ts';
import { openDb, type Db } from './db.ts';
import { isProblem, mergeFinding, type Change, type LifecycleState, type StoredFinding, type WorkflowSetter } from './lifecycle.ts';
import { migrate } from './migrations.ts';

export type { StoredFinding } from './lifecycle.ts';

/**
 * The findings store: upsert by stable id with the Security Hub lifecycle, history of every
 * change, scans for diffs and trends. One implementation over the Db interface serves SQLite
 * and PostgreSQL alike.
 */

/** What a scan covered: only findings inside it may be resolved by its absence. */
export interface ScanScope {
  source: FindingSource;
  accounts: string[];
  /** Regions covered; `global` included when global resources were scanned. */
  regions: string[];
  /** Check ids (finding types) that ran; absent means every type of the source. */
  types?: string[];
}

export interface IngestOptions {
  command: string;
  actor?: string;
  /** Posture/access scans: resolve stored problems in scope that this run no longer reports. */
  scope?: ScanScope;
  now?: string;
  /**
   * Notifications to queue for each finding that becomes NEW (new or reopened). They are
   * written to the outbox in the same transaction as the finding, so a crash can lose neither.
   */
  enqueue?: (finding: StoredFinding, scanId: number) => OutboxItem[];
}

/** A message waiting in the durable outbox. The key makes delivery idempotent. */
export interface OutboxItem {
  destination: string;
  idempotencyKey: string;
  payload: string;
  /** Not before this time (digest windows); default now. */
  dueAt?: string;
}

export interface IngestSummary {
  scanId: number;
  created: number;
  reopened: number;
  resolved: number;
  updated: number;
  /** Findings whose workflow became NEW in this run (new or reopened): what notifiers send. */
  newProblems: string[];
}

export interface FindingFilter {
  severities?: Severity[];
  minSeverity?: Severity;
  sources?: string[];
  accounts?: string[];
  regions?: string[];
  /** Glob over type (`Recon:*`, `s3-*`). */
  type?: string;
  workflows?: WorkflowState[];
  statuses?: string[];
  since?: string;
  until?: string;
  limit?: number;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  field: string;
  from?: string;
  to?: string;
  note?: string;
}

export interface ScanRecord {
  id: number;
  at: string;
  command: string;
  source: string;
  scope: ScanScope | null;
  summary: Record<string, number>;
}

/**
 * Findings per transaction: larger batches commit (write the touched index pages to the WAL)
 * less often; 10,000 halved the commit time of 2,000 in the store bench.
 */
const BATCH = 10_000;
/** Ids per `IN (…)` list: well under both databases' parameter limits. */
const IDS_PER_STATEMENT = 1000;

const COLUMNS = 'id, source, type, severity, severity_rank, status, workflow, workflow_by, account, region, resource_type, resource_id, title, first_seen, last_seen, count, updated_at, data';
const SELECT_FINDING = 'SELECT id, source, type, severity, status, workflow, workflow_by, account, region, resource_type, resource_id, title, first_seen, last_seen, count, updated_at, data FROM findings';
const UPSERT_FINDING = `INSERT INTO findings (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET source = excluded.source, type = excluded.type, severity = excluded.severity, severity_rank = excluded.severity_rank,
    status = excluded.status, workflow = excluded.workflow, workflow_by = excluded.workflow_by, account = excluded.account, region = excluded.region,
    resource_type = excluded.resource_type, resource_id = excluded.resource_id, title = excluded.title, first_seen = excluded.first_seen,
    last_seen = excluded.last_seen, count = excluded.count, updated_at = excluded.updated_at, data = excluded.data`;
const INSERT_HISTORY = 'INSERT INTO finding_history (finding_id, at, actor, field, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_SCAN_RESULT = 'INSERT INTO scan_results (scan_id, finding_id, status) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
const INSERT_OUTBOX = `INSERT INTO outbox (destination, idempotency_key, finding_id, payload, state, attempts, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`;

interface Row {
  id: string;
  source: string;
  type: string;
  severity: string;
  status: string | null;
  workflow: string;
  workflow_by: string;
  account: string;
  region: string;
  resource_type: string;
  resource_id: string;
  title: string;
  first_seen: string;
  last_seen: string;
  count: number;
  updated_at: string;
  data: string;
}

/** What the columns hold; `data` keeps only the rest of the finding. */
type InColumns = 'id' | 'source' | 'type' | 'status' | 'severity' | 'title' | 'account' | 'region' | 'resource' | 'workflow' | 'firstSeen' | 'lastSeen' | 'count';
type Rest = Omit<Finding, InColumns> & { resource?: Omit<ResourceRef, 'type' | 'id'> };
/**
 * A finding's keys in Contract 2 order, then the store's: read back, a finding lists its keys
 * as its producer did (and as stores before v4 returned them, the lifecycle's last).
 */
const FINDING_KEYS = ['id', 'source', 'type', 'status', 'severity', 'title', 'description', 'remediation', 'account', 'region', 'resource', 'compliance', 'techniques', 'evidence', 'references', 'suppression', 'observedAt'];
/** Stores before v4 kept the whole finding in `data`, columns included; these come from the columns. */
const COLUMN_KEYS = new Set(['id', 'source', 'type', 'status', 'severity', 'title', 'account', 'region', 'resource', 'workflow', 'workflowBy', 'firstSeen', 'lastSeen', 'count', 'updatedAt']);

function fromRow(row: Row): StoredFinding {
  const rest = JSON.parse(row.data) as Record<string, unknown>;
  const { type: _type, id: _id, ...more } = (rest.resource ?? {}) as Partial<ResourceRef>;
  const columns: Record<string, unknown> = {
    id: row.id, source: row.source, type: row.type, status: row.status ?? undefined, severity: row.severity, title: row.title,
    account: row.account, region: row.region, resource: { type: row.resource_type, id: row.resource_id, ...more },
  };
  const finding: Record<string, unknown> = {};
  for (const key of FINDING_KEYS) {
    const value = COLUMN_KEYS.has(key) ? columns[key] : rest[key];
    if (value !== undefined) finding[key] = value;
  }
  // Keys outside the contract, in their stored order (`__proto__` stays a key).
  for (const key of Object.keys(rest)) {
    if (!COLUMN_KEYS.has(key) && !FINDING_KEYS.includes(key)) Object.defineProperty(finding, key, { value: rest[key], enumerable: true, writable: true, configurable: true });
  }
  Object.assign(finding, {
    workflow: row.workflow, firstSeen: row.first_seen, lastSeen: row.last_seen, count: Number(row.count), workflowBy: row.workflow_by, updatedAt: row.updated_at,
  });
  return finding as unknown as StoredFinding;
}

function toRow(f: StoredFinding): unknown[] {
  const {
    id: _id, source: _source, type: _type, status: _status, severity: _severity, title: _title, account: _account, region: _region,
    resource: { type: _resourceType, id: _resourceId, ...more }, workflow: _workflow, workflowBy: _workflowBy, firstSeen: _firstSeen,
    lastSeen: _lastSeen, count: _count, updatedAt: _updatedAt, ...rest
  } = f;
  const data: Rest = Object.keys(more).length > 0 ? { ...rest, resource: more } : rest;
  return [f.id, f.source, f.type, f.severity, severityRank(f.severity), f.status ?? null, f.workflow, f.workflowBy, f.account, f.region, f.resource.type, f.resource.id, f.title, f.firstSeen, f.lastSeen, f.count, f.updatedAt, JSON.stringify(data)];
}

const historyRow = (id: string, at: string, actor: string, change: Change): unknown[] => [id, at, actor, change.field, change.from ?? null, change.to, change.note];
const outboxRow = (item: OutboxItem, findingId: string | undefined, now: string): unknown[] => [item.destination, item.idempotencyKey, findingId ?? null, item.payload, item.dueAt ?? now, now];

export class FindingsStore {
  private constructor(readonly db: Db) {}

  static async open(location?: string): Promise<FindingsStore> {
    const db = await openDb(location);
    await migrate(db);
    return new FindingsStore(db);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /**
   * Upserts a run's findings with the lifecycle, records the scan, and resolves what left the
   * scope. Accepts any (async) iterable, so a run of a million findings streams through in
   * batches and counts as one scan.
   */
  async ingest(findings: Iterable<Finding> | AsyncIterable<Finding>, options: IngestOptions): Promise<IngestSummary> {
    const now = options.now ?? new Date().toISOString();
    const actor = options.actor ?? `vigil ${options.command}`;
    const summary: IngestSummary = { scanId: 0, created: 0, reopened: 0, resolved: 0, updated: 0, newProblems: [] };
    let source: string | undefined = options.scope?.source;
    let total = 0;
    let batch: Finding[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const current = dedupe(batch);
      batch = [];
      if (summary.scanId === 0) summary.scanId = await this.startScan(now, options, source ?? current[0]!.source);
      await this.db.transaction(async (tx) => {
        const existing = await this.loadStates(tx, current.map((f) => f.id));
        const findingRows: unknown[][] = [];
        const historyRows: unknown[][] = [];
        const resultRows: unknown[][] = [];
        const outboxRows: unknown[][] = [];
        for (const incoming of current) {
          const before = existing.get(incoming.id);
          const { next, changes } = mergeFinding(before, incoming, now);
          findingRows.push(toRow(next));
          for (const change of changes) historyRows.push(historyRow(incoming.id, now, actor, change));
          resultRows.push([summary.scanId, incoming.id, incoming.status ?? 'DETECTED']);
          const becameNew = tally(summary, before, next, changes);
          if (becameNew && options.enqueue) {
            for (const item of options.enqueue(next, summary.scanId)) outboxRows.push(outboxRow(item, next.id, now));
          }
        }
        // A statement per kind of row for the whole batch, not three per finding.
        await tx.runMany(UPSERT_FINDING, findingRows);
        await tx.runMany(INSERT_HISTORY, historyRows);
        await tx.runMany(INSERT_SCAN_RESULT, resultRows);
        await tx.runMany(INSERT_OUTBOX, outboxRows);
      });
    };
    for await (const finding of findings) {
      source ??= finding.source;
      batch.push(finding);
      total++;
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (summary.scanId === 0) summary.scanId = await this.startScan(now, options, source ?? 'imported');

    if (options.scope) summary.resolved += await this.resolveAbsent(options.scope, summary.scanId, now, actor);
    // After a large run PostgreSQL's planner works from statistics of the table before it until
    // autovacuum catches up, and lists by sorting every match instead of walking findings_order
    // (58 ms instead of 0.6 ms at 200,000 findings). SQLite refreshes its statistics on close.
    if (this.db.dialect === 'postgres' && total >= BATCH) await this.db.exec('ANALYZE findings');
    const open = await this.countOpen();
    await this.db.run('UPDATE scans SET summary = ? WHERE id = ?', [JSON.stringify({ ...open, created: summary.created, reopened: summary.reopened, resolved: summary.resolved, findings: total }), summary.scanId]);
    return summary;
  }

  private async startScan(now: string, options: IngestOptions, source: string): Promise<number> {
    const scan = await this.db.get<{ id: number }>('INSERT INTO scans (at, command, source, scope, summary) VALUES (?, ?, ?, ?, ?) RETURNING id', [now, options.command, source, JSON.stringify(options.scope ?? null), '{}']);
    return Number(scan!.id);
  }

  /** Posture/access problems in scope that a complete scan did not report again are gone: RESOLVED. */
  private async resolveAbsent(scope: ScanScope, scanId: number, now: string, actor: string): Promise<number> {
    if (scope.accounts.length === 0 || scope.regions.length === 0 || scope.types?.length === 0) return 0;
    const marks = (n: number) => Array(n).fill('?').join(',');
    const byType = scope.types ? `AND type IN (${marks(scope.types.length)})` : '';
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ id: string; workflow: string }>(
        `SELECT id, workflow FROM findings
          WHERE source = ? AND account IN (${marks(scope.accounts.length)}) AND region IN (${marks(scope.regions.length)}) ${byType}
            AND workflow IN ('NEW', 'NOTIFIED')
            AND id NOT IN (SELECT finding_id FROM scan_results WHERE scan_id = ?)`,
        [scope.source, ...scope.accounts, ...scope.regions, ...(scope.types ?? []), scanId],
      );
      await this.setWorkflow(tx, rows, 'RESOLVED', 'system', now, actor, 'no longer reported by a scan of the same scope');
      return rows.length;
    });
  }

  /** Detections with no activity for `quietDays` become RESOLVED. */
  async resolveQuietDetections(quietDays: number, now = new Date().toISOString()): Promise<number> {
    const cutoff = new Date(Date.parse(now) - quietDays * 86_400_000).toISOString();
    return this.db.transaction(async (tx) => {
      const rows = await tx.all<{ id: string; workflow: string }>(
        "SELECT id, workflow FROM findings WHERE source = 'detection' AND workflow IN ('NEW', 'NOTIFIED') AND last_seen < ?",
        [cutoff],
      );
      await this.setWorkflow(tx, rows, 'RESOLVED', 'system', now, 'vigil quiet-period', `no activity for ${quietDays} days`);
      return rows.length;
    });
  }

  async get(id: string): Promise<StoredFinding | undefined> {
    const row = await this.db.get<Row>(`${SELECT_FINDING} WHERE id = ?`, [id]);
    return row ? fromRow(row) : undefined;
  }

  async list(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const inList = (column: string, values?: string[]) => {
      if (!values || values.length === 0) return;
      where.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    inList('severity', filter.severities);
    inList('source', filter.sources);
    inList('account', filter.accounts);
    inList('region', filter.regions);
    inList('workflow', filter.workflows);
    inList('status', filter.statuses);
    if (filter.minSeverity) {
      where.push('severity_rank >= ?');
      params.push(severityRank(filter.minSeverity));
    }
    if (filter.type) {
      // Glob → LIKE (`*` → `%`, `?` → `_`), escaping LIKE's own wildcards.
      where.push("type LIKE ? ESCAPE '\\'");
      params.push(filter.type.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_'));
    }
    if (filter.since) {
      where.push('last_seen >= ?');
      params.push(filter.since);
    }
    if (filter.until) {
      where.push('first_seen <= ?');
      params.push(filter.until);
    }
    // "The worst N": walking the index in list order stops after N matches. SQLite's planner
    // tends to prefer the workflow index and sort every match, so it is told; PostgreSQL plans well.
    const hint = filter.limit && this.db.dialect === 'sqlite' ? 'INDEXED BY findings_order' : '';
    const sql = `${SELECT_FINDING} ${hint}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY severity_rank DESC, last_seen DESC, id DESC
      ${filter.limit ? `LIMIT ${Math.floor(filter.limit)}` : ''}`;
    return (await this.db.all<Row>(sql, params)).map(fromRow);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const rows = await this.db.all<{ at: string; actor: string; field: string; old_value: string | null; new_value: string | null; note: string | null }>(
      'SELECT at, actor, field, old_value, new_value, note FROM finding_history WHERE finding_id = ? ORDER BY id',
      [id],
    );
    return rows.map((r) => ({ at: r.at, actor: r.actor, field: r.field, from: r.old_value ?? undefined, to: r.new_value ?? undefined, note: r.note ?? undefined }));
  }

  /** A person's workflow decision (resolve, suppress, reopen, mark notified). */
  async updateWorkflow(ids: string[], workflow: WorkflowState, actor: string, note?: string, now = new Date().toISOString()): Promise<number> {
    return this.db.transaction(async (tx) => {
      const current = new Map<string, string>();
      for (const chunk of chunks([...new Set(ids)], IDS_PER_STATEMENT)) {
        const rows = await tx.all<{ id: string; workflow: string }>(`SELECT id, workflow FROM findings WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
        for (const row of rows) current.set(row.id, row.workflow);
      }
      const missing = ids.find((id) => !current.has(id));
      if (missing !== undefined) throw new InputError(`no finding with id ${missing}`, 'findings update');
      const changed = [...new Set(ids)].filter((id) => current.get(id) !== workflow).map((id) => ({ id, workflow: current.get(id)! }));
      await this.setWorkflow(tx, changed, workflow, actor.startsWith('vigil') ? 'system' : 'person', now, actor, note ?? 'updated');
      return changed.length;
    });
  }

  /** Adds a history note without changing the finding (e.g. "also reported by GuardDuty"). */
  async note(id: string, actor: string, note: string, now = new Date().toISOString()): Promise<void> {
    await this.db.run(INSERT_HISTORY, historyRow(id, now, actor, { field: 'note', to: '', note }));
  }

  async scans(limit = 50): Promise<ScanRecord[]> {
    const rows = await this.db.all<{ id: number; at: string; command: string; source: string; scope: string; summary: string }>(
      `SELECT id, at, command, source, scope, summary FROM scans ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
    );
    return rows.map((r) => ({ id: Number(r.id), at: r.at, command: r.command, source: r.source, scope: JSON.parse(r.scope), summary: JSON.parse(r.summary) }));
  }

  /** New, resolved and still-open problems between two scans (default: the last two of the same source). */
  async diff(fromScan?: number, toScan?: number): Promise<{ from: number; to: number; new: StoredFinding[]; resolved: StoredFinding[]; open: StoredFinding[] }> {
    let to = toScan;
    let from = fromScan;
    if (to === undefined) to = (await this.scans(1))[0]?.id;
    if (to === undefined) throw new InputError('the store has no scans yet', 'findings diff');
    if (from === undefined) {
      const target = await this.db.get<{ source: string }>('SELECT source FROM scans WHERE id = ?', [to]);
      const previous = await this.db.get<{ id: number }>('SELECT id FROM scans WHERE source = ? AND id < ? ORDER BY id DESC LIMIT 1', [target?.source ?? '', to]);
      if (!previous) throw new InputError(`scan ${to} has no earlier scan of the same source to compare with`, 'findings diff');
      from = Number(previous.id);
    }
    const problems = async (scan: number) => {
      const rows = await this.db.all<{ finding_id: string; status: string }>('SELECT finding_id, status FROM scan_results WHERE scan_id = ?', [scan]);
      return new Set(rows.filter((r) => isProblem({ status: r.status === 'DETECTED' ? undefined : (r.status as Finding['status']) }) && r.status !== 'SUPPRESSED').map((r) => r.finding_id));
    };
    const before = await problems(from);
    const after = await problems(to);
    const pick = async (ids: string[]) => (await Promise.all(ids.map((id) => this.get(id)))).filter((f): f is StoredFinding => f !== undefined);
    return {
      from,
      to,
      new: await pick([...after].filter((id) => !before.has(id))),
      resolved: await pick([...before].filter((id) => !after.has(id))),
      open: await pick([...after].filter((id) => before.has(id))),
    };
  }

  /** Open problems by severity at each scan in the window: the trend over time. */
  async trends(days: number, now = new Date().toISOString()): Promise<Array<{ at: string; scanId: number; command: string; open: Record<string, number> }>> {
    const since = new Date(Date.parse(now) - days * 86_400_000).toISOString();
    const rows = await this.db.all<{ id: number; at: string; command: string; summary: string }>('SELECT id, at, command, summary FROM scans WHERE at >= ? ORDER BY id', [since]);
    return rows.map((r) => {
      const summary = JSON.parse(r.summary) as Record<string, number>;
      const open = Object.fromEntries(Object.entries(summary).filter(([key]) => key.startsWith('open')));
      return { at: r.at, scanId: Number(r.id), command: r.command, open };
    });
  }

  private async countOpen(): Promise<Record<string, number>> {
    const rows = await this.db.all<{ severity: string; n: number }>("SELECT severity, COUNT(*) AS n FROM findings WHERE workflow IN ('NEW', 'NOTIFIED') GROUP BY severity");
    const out: Record<string, number> = { open: 0 };
    for (const row of rows) {
      out[`open${row.severity}`] = Number(row.n);
      out.open! += Number(row.n);
    }
    return out;
  }

  /** Queues one message (ignored when its idempotency key is already queued or sent). */
  async enqueue(item: OutboxItem, findingId?: string, now = new Date().toISOString()): Promise<void> {
    await this.db.run(INSERT_OUTBOX, outboxRow(item, findingId, now));
  }

  /**
   * The lifecycle state of the stored findings with these ids, one statement per batch
   * (PostgreSQL) or per thousand ids (SQLite's `IN` list).
   * Only the state: a rescan rewrites the rest of each finding from what the run reported.
   */
  private async loadStates(tx: Db, ids: string[]): Promise<Map<string, LifecycleState>> {
    const found = new Map<string, LifecycleState>();
    const columns = 'id, status, severity, workflow, workflow_by, first_seen, last_seen, count';
    type StateRow = Pick<Row, 'id' | 'status' | 'severity' | 'workflow' | 'workflow_by' | 'first_seen' | 'last_seen' | 'count'>;
    // PostgreSQL takes the ids as one array parameter: one short statement for the whole batch.
    for (const chunk of chunks(ids, tx.dialect === 'postgres' ? BATCH : IDS_PER_STATEMENT)) {
      const rows = tx.dialect === 'postgres'
        ? await tx.all<StateRow>(`SELECT ${columns} FROM findings WHERE id = ANY(?)`, [chunk])
        : await tx.all<StateRow>(`SELECT ${columns} FROM findings WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const row of rows) {
        found.set(row.id, {
          status: (row.status ?? undefined) as ResultStatus | undefined,
          severity: row.severity as Severity,
          workflow: row.workflow as WorkflowState,
          workflowBy: row.workflow_by as WorkflowSetter,
          firstSeen: row.first_seen,
          lastSeen: row.last_seen,
          count: Number(row.count),
        });
      }
    }
    return found;
  }

  /** Sets the workflow of these findings and records each change, a statement per thousand. */
  private async setWorkflow(tx: Db, rows: Array<{ id: string; workflow: string }>, workflow: WorkflowState, by: WorkflowSetter, now: string, actor: string, note: string): Promise<void> {
    for (const chunk of chunks(rows, IDS_PER_STATEMENT)) {
      await tx.run(`UPDATE findings SET workflow = ?, workflow_by = ?, updated_at = ? WHERE id IN (${chunk.map(() => '?').join(',')})`, [workflow, by, now, ...chunk.map((r) => r.id)]);
    }
    await tx.runMany(INSERT_HISTORY, rows.map((r) => historyRow(r.id, now, actor, { field: 'workflow', from: r.workflow, to: workflow, note })));
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Within one run an id appears once; the last occurrence wins. */
function dedupe(findings: Finding[]): Finding[] {
  return [...new Map(findings.map((f) => [f.id, f])).values()];
}

/** Counts the change; true when the finding became NEW (a problem to notify about). */
function tally(summary: IngestSummary, before: LifecycleState | undefined, next: StoredFinding, changes: Change[]): boolean {
  if (!before) {
    summary.created++;
    if (next.workflow !== 'NEW') return false;
    summary.newProblems.push(next.id);
    return true;
  }
  const workflowChange = changes.find((c) => c.field === 'workflow');
  if (workflowChange?.to === 'NEW') {
    summary.reopened++;
    summary.newProblems.push(next.id);
    return true;
  }
  if (workflowChange?.to === 'RESOLVED') summary.resolved++;
  else summary.updated++;
  return false;
}
