import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** Amazon Detective behavior graphs per region. */

export interface DetectiveView {
  graphs(region: string): Got<Array<{ Arn?: string }>>;
}

export const detectiveView = memoView((snapshot: Snapshot, accountId: string): DetectiveView => ({
  graphs: (region) => got('detective', 'ListGraphs', region, snapshot.call<any>(accountId, 'detective', 'ListGraphs', region), (d) => d.GraphList ?? []),
}));
