import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountData } from '../../../src/inventory/snapshot.ts';

/** Helpers that write snapshot fixtures in the raw API format (Contract 3). */
export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';

export function writeSnapshotDir(dir: string, accounts: Record<string, AccountData>, extra: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'vigil-snapshot/1', collectedAt: '2026-01-01T00:00:00Z', partition: 'aws', accounts: Object.keys(accounts).map((id) => ({ id, regions: ['us-east-1'] })), ...extra }));
  for (const [id, data] of Object.entries(accounts)) writeFileSync(join(dir, `${id}.json`), JSON.stringify(data));
  return dir;
}

/** IAM returns documents URL-encoded; fixtures do the same. */
export function iamDoc(policy: unknown): string {
  return encodeURIComponent(JSON.stringify(policy));
}

export function perResource(entries: Record<string, unknown>): { resources: Record<string, { data: unknown } | { error: { code: string; message: string } }> } {
  return { resources: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v instanceof Error ? { error: { code: v.name, message: v.message } } : { data: v }])) };
}
