import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** Amazon Macie per region. */

export interface Macie2View {
  session(region: string): Got<{ status?: string } | null>;
  automatedDiscovery(region: string): Got<{ status?: string } | null>;
}

export const macie2View = memoView((snapshot: Snapshot, accountId: string): Macie2View => ({
  session: (region) => got('macie2', 'GetMacieSession', region, snapshot.call<any>(accountId, 'macie2', 'GetMacieSession', region), (d) => d ?? {}, null),
  automatedDiscovery: (region) =>
    got('macie2', 'GetAutomatedDiscoveryConfiguration', region, snapshot.call<any>(accountId, 'macie2', 'GetAutomatedDiscoveryConfiguration', region), (d) => d ?? {}, null),
}));
