import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** IAM Access Analyzer analyzers per region. */

export interface Analyzer {
  arn?: string;
  name?: string;
  type?: string;
  status?: string;
}

export interface AccessAnalyzerView {
  analyzers(region: string): Got<Analyzer[]>;
}

export const accessanalyzerView = memoView((snapshot: Snapshot, accountId: string): AccessAnalyzerView => ({
  analyzers: (region) => got('accessanalyzer', 'ListAnalyzers', region, snapshot.call<any>(accountId, 'accessanalyzer', 'ListAnalyzers', region), (d) => d.analyzers ?? []),
}));
