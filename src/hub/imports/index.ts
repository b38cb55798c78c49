import type { Finding } from '../../core/finding.ts';
import type { ClientPool } from '../../aws/client-pool.ts';
import { toCallError } from '../../aws/errors.ts';
import { fromAccessAnalyzer, fromGuardDuty, fromInspector, fromSecurityHub, type ImportService } from './map.ts';

export { fromAccessAnalyzer, fromGuardDuty, fromInspector, fromSecurityHub } from './map.ts';
export type { ImportService } from './map.ts';

/** One service/region that could not be read: recorded and reported, never fatal. */
export interface ImportProblem {
  service: ImportService;
  region: string;
  code: string;
  message: string;
}

export interface ImportResult {
  findings: Finding[];
  problems: ImportProblem[];
  counts: Record<string, number>;
}

/**
 * Reads active findings from GuardDuty, Security Hub, IAM Access Analyzer and Inspector in
 * each region of the calling account (a delegated administrator sees its members' too).
 */
export async function importLive(pool: ClientPool, services: ImportService[], regions: string[]): Promise<ImportResult> {
  const result: ImportResult = { findings: [], problems: [], counts: {} };
  for (const region of regions) {
    for (const service of services) {
      try {
        const found = await READERS[service](pool, region);
        result.findings.push(...found);
        result.counts[service] = (result.counts[service] ?? 0) + found.length;
      } catch (error) {
        const { code, message } = toCallError(error);
        result.problems.push({ service, region, code, message });
      }
    }
  }
  return result;
}

/** Pages through a list operation, following the token the service uses. */
async function* pages(pool: ClientPool, service: Parameters<ClientPool['send']>[0], region: string, operation: string, input: Record<string, unknown>, tokenIn: string, tokenOut = tokenIn): AsyncGenerator<Record<string, any>> {
  let token: unknown;
  do {
    const out = await pool.send(service, undefined, region, operation, token ? { ...input, [tokenIn]: token } : input);
    yield out;
    token = out[tokenOut];
  } while (token);
}

const READERS: Record<ImportService, (pool: ClientPool, region: string) => Promise<Finding[]>> = {
  guardduty: async (pool, region) => {
    const findings: Finding[] = [];
    for await (const detectors of pages(pool, 'guardduty', region, 'ListDetectors', {}, 'NextToken')) {
      for (const detectorId of detectors.DetectorIds ?? []) {
        for await (const page of pages(pool, 'guardduty', region, 'ListFindings', { DetectorId: detectorId, FindingCriteria: { Criterion: { 'service.archived': { Eq: ['false'] } } }, MaxResults: 50 }, 'NextToken')) {
          const ids: string[] = page.FindingIds ?? [];
          if (ids.length === 0) continue;
          const got = await pool.send('guardduty', undefined, region, 'GetFindings', { DetectorId: detectorId, FindingIds: ids });
          findings.push(...((got.Findings as unknown[]) ?? []).map(fromGuardDuty));
        }
      }
    }
    return findings;
  },
  securityhub: async (pool, region) => {
    const findings: Finding[] = [];
    const filters = { RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }], WorkflowStatus: [{ Value: 'RESOLVED', Comparison: 'NOT_EQUALS' }] };
    for await (const page of pages(pool, 'securityhub', region, 'GetFindings', { Filters: filters, MaxResults: 100 }, 'NextToken')) {
      // Vigil's own findings exported earlier are not imported back.
      findings.push(...((page.Findings as any[]) ?? []).filter((f) => !String(f.GeneratorId ?? '').startsWith('vigil')).map(fromSecurityHub));
    }
    return findings;
  },
  accessanalyzer: async (pool, region) => {
    const findings: Finding[] = [];
    for await (const analyzers of pages(pool, 'accessanalyzer', region, 'ListAnalyzers', {}, 'nextToken')) {
      for (const analyzer of analyzers.analyzers ?? []) {
        if (!String(analyzer.type ?? '').endsWith('ORGANIZATION') && analyzer.type !== 'ACCOUNT') continue; // external-access analyzers only
        const account = String(analyzer.arn).split(':')[4] ?? '';
        for await (const page of pages(pool, 'accessanalyzer', region, 'ListFindings', { analyzerArn: analyzer.arn, filter: { status: { eq: ['ACTIVE'] } } }, 'nextToken')) {
          findings.push(...((page.findings as any[]) ?? []).map((f) => fromAccessAnalyzer(f, account, region)));
        }
      }
    }
    return findings;
  },
  inspector: async (pool, region) => {
    const findings: Finding[] = [];
    for await (const page of pages(pool, 'inspector2', region, 'ListFindings', { filterCriteria: { findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }] }, maxResults: 100 }, 'nextToken')) {
      findings.push(...((page.findings as any[]) ?? []).map(fromInspector));
    }
    return findings;
  },
};

/**
 * Reads a saved API response (`aws guardduty get-findings`, `aws securityhub get-findings`,
 * `aws accessanalyzer list-findings`, `aws inspector2 list-findings` output) and tells the
 * service from its shape.
 */
export function importFromResponse(response: any, fallback: { account?: string; region?: string } = {}): { service: ImportService; findings: Finding[] } | undefined {
  const list = (response?.Findings ?? response?.findings) as any[] | undefined;
  if (!Array.isArray(list)) return undefined;
  const first = list[0] ?? {};
  // GuardDuty findings carry a SchemaVersion too: tell them apart by Service/Resource first.
  if ('Service' in first && 'Type' in first && 'Resource' in first) return { service: 'guardduty', findings: list.map(fromGuardDuty) };
  if ('ProductArn' in first || 'SchemaVersion' in first) return { service: 'securityhub', findings: list.map(fromSecurityHub) };
  if ('findingArn' in first) return { service: 'inspector', findings: list.map(fromInspector) };
  if ('isPublic' in first || 'principal' in first) return { service: 'accessanalyzer', findings: list.map((f) => fromAccessAnalyzer(f, fallback.account ?? '', fallback.region ?? 'global')) };
  return list.length === 0 ? { service: 'securityhub', findings: [] } : undefined;
}

/**
 * Deduplication against Vigil's own findings: an imported finding of the same type on the
 * same account and resource as a Vigil detection, or the same FSBP control on the same
 * resource as a Vigil posture result, is the same problem. Those are not stored twice;
 * the Vigil finding keeps a note of who else reported it.
 */
export function dedupeKey(f: Finding): string[] {
  const keys = [`${f.type}|${f.account}|${f.resource.id}`];
  for (const control of f.compliance['aws-fsbp'] ?? []) keys.push(`fsbp:${control}|${f.account}|${f.resource.id}`);
  return keys;
}
