import type { CollectSummary } from './collector.ts';

/** The end-of-run summary, one fact per line (stderr; the snapshot itself is the result). */
export function formatSummary(summary: CollectSummary, out?: string): string[] {
  const lines: string[] = [];
  const ok = summary.accounts.filter((a) => a.status === 'ok');
  const failed = summary.accounts.filter((a) => a.status !== 'ok');
  lines.push(`collected ${summary.accounts.length} account(s) in ${(summary.durationMs / 1000).toFixed(1)} s: ${ok.length} ok, ${failed.length} failed`);
  if (summary.identityNote) lines.push(`caller: ${summary.identityNote}`);
  if (summary.organizationError) {
    lines.push(`organization accounts could not be listed (${summary.organizationError.code}: ${summary.organizationError.message}); collected the accounts named instead`);
  }
  for (const account of summary.accounts) {
    const name = account.name ? ` (${account.name})` : '';
    const why = account.error ? `: ${account.error.code}: ${account.error.message}` : '';
    lines.push(`  ${account.id}${name}  ${account.status}${why}`);
  }
  lines.push(`calls made: ${summary.calls}`);
  const errors = Object.entries(summary.errorsByCode).sort(([, a], [, b]) => b - a);
  const total = errors.reduce((sum, [, count]) => sum + count, 0);
  lines.push(`errors recorded: ${total}${errors.length ? ` (${errors.map(([code, count]) => `${code} ${count}`).join(', ')})` : ''}`);
  const skipped = Object.entries(summary.skippedRegions);
  if (skipped.length === 0) lines.push('regions skipped: none');
  for (const [account, regions] of skipped) lines.push(`regions skipped in ${account} (not opted in): ${regions.join(', ')}`);
  for (const [account, error] of Object.entries(summary.regionDiscoveryErrors ?? {})) {
    lines.push(`region discovery failed in ${account} (${error.code}); read only the regions listed or the default region`);
  }
  if (summary.failedUnits > 0) lines.push(`units failed: ${summary.failedUnits} of ${summary.units}`);
  if (out) lines.push(`snapshot written to ${out}`);
  return lines;
}
