import type { Finding } from '../core/finding.ts';
import { FindingsStore, type IngestSummary, type ScanScope } from './store.ts';

export { FindingsStore } from './store.ts';
export type { FindingFilter, IngestSummary, ScanScope, StoredFinding, HistoryEntry } from './store.ts';
export { DEFAULT_STORE } from './db.ts';

/**
 * Where a command's `--store [path]` points: the flag alone means the configured store
 * (vigil.yaml `store`) or the default file; a value names it.
 */
export function storeLocation(option: string | boolean | undefined, configured?: string): string | undefined {
  if (option === undefined || option === false) return undefined;
  if (typeof option === 'string' && option.length > 0) return option;
  return configured ?? process.env.VIGIL_STORE ?? undefined;
}

/** Writes a run's findings to the store (the one way every findings-producing command does it). */
export async function saveToStore(location: string | undefined, findings: Finding[], command: string, scope?: ScanScope): Promise<IngestSummary> {
  const store = await FindingsStore.open(location);
  try {
    return await store.ingest(findings, { command, scope });
  } finally {
    await store.close();
  }
}

/** The scope a posture or access scan covered: every account and region it produced results for. */
export function scopeOf(findings: Finding[], source: ScanScope['source'], accounts?: string[], regions?: string[], types?: string[]): ScanScope {
  return {
    source,
    accounts: accounts ?? [...new Set(findings.map((f) => f.account))],
    regions: regions ?? [...new Set(findings.map((f) => f.region))],
    types,
  };
}

/**
 * The scope of a scan over a snapshot: the accounts that were read (not those whose role could
 * not be assumed: their findings are unknown, not resolved), their regions and `global`.
 */
export function snapshotScope(manifest: { accounts: Array<{ id: string; regions: string[]; status?: string }> }, source: ScanScope['source'], types?: string[]): ScanScope {
  const read = manifest.accounts.filter((a) => a.status === undefined || a.status === 'ok');
  return { source, accounts: read.map((a) => a.id), regions: [...new Set(['global', ...read.flatMap((a) => a.regions)])], types };
}
