import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.ts';
import type { FindingsStore, OutboxItem, StoredFinding } from '../hub/store.ts';
import { dueAt, wants, type Destination } from './destinations.ts';
import { notifiedFinding, type NotifiedFinding } from './messages.ts';
import { DeliveryError, send, type SendContext } from './senders.ts';

/**
 * Exactly-once notifications through a durable outbox in the findings store.
 *
 * Items are written in the same transaction as the finding that caused them. Delivery claims
 * due items with a lease, sends, and only then marks them sent. A crash between sending and
 * marking leaves the lease to expire, and the retry carries the same idempotency key: the
 * receiver may see a retry, never a second distinct message. Each destination is delivered
 * independently, so one failing destination does not hold up the others.
 */

export interface DeliverOptions {
  now?: () => Date;
  /** How long a claim lasts before another run may retry it. */
  leaseMs?: number;
  maxAttempts?: number;
  /** At most this many items per run (per call). */
  limit?: number;
  context: SendContext;
  /** Reports each attempt: never contains secrets. */
  log?: (message: string) => void;
}

export interface DeliverySummary {
  sent: number;
  failed: number;
  retrying: number;
  byDestination: Record<string, { sent: number; failed: number; retrying: number; lastError?: string }>;
}

/** The enqueue hook for FindingsStore.ingest: one item per destination that wants the finding. */
export function outboxItemsFor(destinations: Destination[], now: Date = new Date()) {
  return (finding: StoredFinding, scanId: number): OutboxItem[] =>
    destinations.filter((d) => wants(d, finding)).map((d) => itemFor(d, finding, `scan-${scanId}`, now));
}

export function itemFor(destination: Destination, finding: Finding, occasion: string, now: Date): OutboxItem & { dueAt: string } {
  return {
    destination: destination.name,
    idempotencyKey: `vigil-${createHash('sha256').update(`${destination.name}\u0000${finding.id}\u0000${occasion}`).digest('hex').slice(0, 40)}`,
    payload: JSON.stringify(notifiedFinding(finding)),
    dueAt: dueAt(destination, now),
  };
}

interface OutboxRow {
  id: number;
  destination: string;
  idempotency_key: string;
  finding_id: string | null;
  payload: string;
  attempts: number;
  batch_key: string | null;
  next_attempt_at: string;
}

export function backoffMs(attempts: number): number {
  // 30 s, 1 min, 2 min … capped at 1 h; jitter spreads retries of many items.
  const base = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export async function deliverPending(store: FindingsStore, destinations: Destination[], options: DeliverOptions): Promise<DeliverySummary> {
  const now = options.now ?? (() => new Date());
  const summary: DeliverySummary = { sent: 0, failed: 0, retrying: 0, byDestination: {} };
  const results = await Promise.allSettled(destinations.map((d) => deliverDestination(store, d, options, now, summary)));
  for (const [i, result] of results.entries()) {
    if (result.status === 'rejected') options.log?.(`${destinations[i]!.label}: delivery run failed: ${(result.reason as Error).message}`);
  }
  return summary;
}

async function deliverDestination(store: FindingsStore, destination: Destination, options: DeliverOptions, now: () => Date, summary: DeliverySummary): Promise<void> {
  const stats = (summary.byDestination[destination.name] ??= { sent: 0, failed: 0, retrying: 0 });
  const leaseMs = options.leaseMs ?? 60_000;
  for (;;) {
    const rows = await claim(store, destination, now(), leaseMs, destination.mode === 'immediate' ? 1 : options.limit ?? 500);
    if (rows.length === 0) return;
    const batchKey = rows[0]!.batch_key ?? rows[0]!.idempotency_key;
    const findings = rows.map((r) => JSON.parse(r.payload) as NotifiedFinding);
    const digest = destination.mode === 'immediate' ? undefined : destination.mode;
    try {
      await send({ destination, findings, idempotencyKey: batchKey, digest }, options.context);
      await markSent(store, rows, now());
      stats.sent += rows.length;
      summary.sent += rows.length;
      options.log?.(`${destination.label}: delivered ${rows.length} (${batchKey})`);
    } catch (error) {
      const retryable = error instanceof DeliveryError ? error.retryable : true;
      const message = error instanceof DeliveryError ? error.message : `${destination.label}: ${(error as Error).name}`;
      const exhausted = await markFailed(store, rows, now(), message, retryable, options.maxAttempts ?? 8);
      stats.lastError = message;
      if (exhausted) {
        stats.failed += rows.length;
        summary.failed += rows.length;
      } else {
        stats.retrying += rows.length;
        summary.retrying += rows.length;
      }
      options.log?.(`${message}${exhausted ? ' (giving up)' : ' (will retry)'}`);
      return; // this destination is failing: leave the rest of its queue for the next run
    }
    if (options.limit !== undefined && stats.sent >= options.limit) return;
  }
}

/**
 * Claims due items of one destination under a lease. Items already given a batch key by an
 * interrupted run are claimed together again, so the retried message is the same message.
 */
async function claim(store: FindingsStore, destination: Destination, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const at = now.toISOString();
  return store.db.transaction(async (tx) => {
    const lock = tx.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const due = `destination = ? AND state IN ('pending', 'sending') AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)`;
    const interrupted = await tx.all<OutboxRow>(`SELECT * FROM outbox WHERE ${due} AND batch_key IS NOT NULL ORDER BY id LIMIT 1 ${lock}`, [destination.name, at, at]);
    let rows: OutboxRow[];
    if (interrupted.length > 0) {
      rows = await tx.all<OutboxRow>(`SELECT * FROM outbox WHERE ${due} AND batch_key = ? ORDER BY id ${lock}`, [destination.name, at, at, interrupted[0]!.batch_key]);
    } else {
      rows = await tx.all<OutboxRow>(`SELECT * FROM outbox WHERE ${due} ORDER BY id LIMIT ${Math.floor(limit)} ${lock}`, [destination.name, at, at]);
    }
    if (rows.length === 0) return [];
    const batchKey = rows[0]!.batch_key ?? (rows.length === 1 ? rows[0]!.idempotency_key : `vigil-digest-${createHash('sha256').update(rows.map((r) => r.idempotency_key).join('\u0000')).digest('hex').slice(0, 40)}`);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    for (const row of rows) {
      await tx.run("UPDATE outbox SET state = 'sending', claimed_until = ?, batch_key = ?, attempts = attempts + 1 WHERE id = ?", [until, batchKey, row.id]);
      row.batch_key = batchKey;
      row.attempts = Number(row.attempts) + 1;
    }
    return rows;
  });
}

async function markSent(store: FindingsStore, rows: OutboxRow[], now: Date): Promise<void> {
  const at = now.toISOString();
  await store.db.transaction(async (tx) => {
    for (const row of rows) {
      await tx.run("UPDATE outbox SET state = 'sent', sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ?", [at, row.id]);
    }
  });
  const notified = rows.map((r) => r.finding_id).filter((id): id is string => id !== null);
  // NEW → NOTIFIED (Security Hub's workflow); findings already moved on are left alone.
  const stillNew: string[] = [];
  for (const id of new Set(notified)) if ((await store.get(id))?.workflow === 'NEW') stillNew.push(id);
  if (stillNew.length > 0) await store.updateWorkflow(stillNew, 'NOTIFIED', 'vigil notify', `sent to ${rows[0]!.destination}`, at);
}

async function markFailed(store: FindingsStore, rows: OutboxRow[], now: Date, message: string, retryable: boolean, maxAttempts: number): Promise<boolean> {
  const exhausted = !retryable || rows.some((r) => r.attempts >= maxAttempts);
  const next = new Date(now.getTime() + backoffMs(rows[0]!.attempts)).toISOString();
  await store.db.transaction(async (tx) => {
    for (const row of rows) {
      await tx.run('UPDATE outbox SET state = ?, claimed_until = NULL, next_attempt_at = ?, last_error = ? WHERE id = ?', [exhausted ? 'failed' : 'pending', next, message, row.id]);
    }
  });
  return exhausted;
}

/** Queue counts per destination and state, for `vigil notify status` and the dashboard. */
export async function outboxStatus(store: FindingsStore): Promise<Array<{ destination: string; state: string; n: number }>> {
  const rows = await store.db.all<{ destination: string; state: string; n: number }>('SELECT destination, state, COUNT(*) AS n FROM outbox GROUP BY destination, state ORDER BY destination, state');
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
