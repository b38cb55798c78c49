import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** Amazon Inspector account status per region (BatchGetAccountStatus). */

export interface InspectorAccountState {
  accountId?: string;
  state?: { status?: string };
  resourceState?: Record<string, { status?: string } | undefined>;
}

export interface Inspector2View {
  accountStatus(region: string, accountId: string): Got<InspectorAccountState | null>;
}

export const inspector2View = memoView((snapshot: Snapshot, accountId: string): Inspector2View => ({
  accountStatus: (region, id) =>
    got('inspector2', 'BatchGetAccountStatus', region, snapshot.call<any>(accountId, 'inspector2', 'BatchGetAccountStatus', region), (d) =>
      (d.accounts ?? []).find((a: InspectorAccountState) => a.accountId === id) ?? (d.accounts ?? [])[0] ?? null,
    ),
}));
