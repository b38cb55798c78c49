import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { ClientPool } from '../aws/client-pool.ts';
import { toCallError } from '../aws/errors.ts';
import type { Finding } from '../core/finding.ts';
import { toAsff } from '../output/asff.ts';

/** BatchImportFindings quotas: 100 findings per call, 240 KB per finding. */
export const BATCH_SIZE = 100;
export const MAX_FINDING_BYTES = 240 * 1024;

export interface ExportFailure {
  id: string;
  code: string;
  message: string;
}

export interface ExportSummary {
  sent: number;
  succeeded: number;
  failed: ExportFailure[];
  /** Findings too large even after trimming, never sent. */
  oversized: string[];
}

/**
 * Sends findings to Security Hub as ASFF, in batches of 100 per region (each finding goes to
 * the region its ProductArn names). Throttling is retried by the client pool; findings the
 * service rejects are reported one by one, and the other batches still go.
 */
export async function exportToSecurityHub(pool: ClientPool, findings: Finding[], now = new Date().toISOString()): Promise<ExportSummary> {
  const summary: ExportSummary = { sent: 0, succeeded: 0, failed: [], oversized: [] };
  const byRegion = new Map<string, AwsSecurityFinding[]>();
  for (const finding of findings) {
    const asff = fitToQuota(toAsff(finding, now));
    if (!asff) {
      summary.oversized.push(finding.id);
      continue;
    }
    const region = String(asff.ProductArn).split(':')[3] || 'us-east-1';
    byRegion.set(region, [...(byRegion.get(region) ?? []), asff]);
  }
  for (const [region, list] of byRegion) {
    for (let start = 0; start < list.length; start += BATCH_SIZE) {
      const batch = list.slice(start, start + BATCH_SIZE);
      summary.sent += batch.length;
      try {
        const out = await pool.send('securityhub', undefined, region, 'BatchImportFindings', { Findings: batch });
        const failed = (out.FailedFindings as Array<{ Id?: string; ErrorCode?: string; ErrorMessage?: string }> | undefined) ?? [];
        summary.succeeded += Number(out.SuccessCount ?? batch.length - failed.length);
        summary.failed.push(...failed.map((f) => ({ id: f.Id ?? '?', code: f.ErrorCode ?? 'Unknown', message: f.ErrorMessage ?? '' })));
      } catch (error) {
        const { code, message } = toCallError(error);
        summary.failed.push(...batch.map((f) => ({ id: f.Id!, code, message })));
      }
    }
  }
  return summary;
}

/** Trims the free-text parts of an oversized finding; undefined if it still does not fit. */
export function fitToQuota(asff: AwsSecurityFinding): AwsSecurityFinding | undefined {
  const size = (f: AwsSecurityFinding) => Buffer.byteLength(JSON.stringify(f));
  if (size(asff) <= MAX_FINDING_BYTES) return asff;
  const trimmed: AwsSecurityFinding = { ...asff, ProductFields: { ...(asff.ProductFields ?? {}) } };
  for (const key of Object.keys(trimmed.ProductFields!)) if (trimmed.ProductFields![key]!.length > 1024) trimmed.ProductFields![key] = `${trimmed.ProductFields![key]!.slice(0, 1000)}…(truncated)`;
  if (trimmed.Resources) trimmed.Resources = trimmed.Resources.map((r) => ({ ...r, Details: undefined }));
  return size(trimmed) <= MAX_FINDING_BYTES ? trimmed : undefined;
}
