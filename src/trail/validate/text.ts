import type { FileResult, Gap, ValidationResult } from './validator.ts';

/**
 * The text report, in the words `aws cloudtrail validate-logs` uses, so that people who know
 * that tool read it at once:
 *   Digest file<TAB>s3://bucket/key<TAB>valid | INVALID: reason
 *   Log file<TAB>s3://bucket/key<TAB>valid | INVALID: reason
 */
export function fileLine(file: FileResult): string {
  const label = file.kind === 'digest' ? 'Digest file' : 'Log file';
  const status = file.status === 'valid' ? 'valid' : `INVALID: ${file.reason}`;
  return `${label}\ts3://${file.bucket}/${file.key}\t${status}${file.backfill && file.kind === 'digest' ? ' (backfill)' : ''}`;
}

export function gapLine(gap: Gap): string {
  return `No log files were delivered by CloudTrail between ${gap.from} and ${gap.to} (${gap.account} ${gap.region} ${gap.trail})`;
}

export function summaryText(result: ValidationResult): string {
  const { summary } = result;
  const lines = [`Results requested for ${summary.requested.start ?? 'the first digest'} to ${summary.requested.end}`];
  const digestTotal = summary.digests.valid + summary.digests.invalid + summary.digests.missing;
  if (digestTotal === 0) {
    lines.push('No digests found');
    return `${lines.join('\n')}\n`;
  }
  if (summary.found.end === null) lines.push('No valid digests found in range');
  else lines.push(`Results found for ${summary.found.start} to ${summary.found.end}:`);
  lines.push('');
  lines.push(ratio(summary.digests, 'digest'));
  const logTotal = summary.logs.valid + summary.logs.invalid + summary.logs.missing;
  if (logTotal > 0) lines.push(ratio(summary.logs, 'log'));
  if (summary.gaps > 0) lines.push(`${summary.gaps} gap${summary.gaps === 1 ? '' : 's'} in the digest chain (logging or validation off)`);
  if (summary.invalidKeys.length > 0) lines.push(`Signing keys not found: ${summary.invalidKeys.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function ratio(counts: { valid: number; invalid: number; missing: number }, name: string): string {
  const bad = counts.invalid + counts.missing;
  const total = counts.valid + bad;
  let line = `${counts.valid}/${total} ${name} files valid`;
  if (bad > 0) line += `, ${bad}/${total} ${name} files INVALID${counts.missing > 0 ? ` (${counts.missing} not found)` : ''}`;
  return line;
}
