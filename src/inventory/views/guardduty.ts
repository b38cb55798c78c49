import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';

/** GuardDuty detectors per region (ListDetectors, GetDetector per detector id; ListMembers when recorded). */

export interface DetectorFeature {
  Name?: string;
  Status?: string;
  AdditionalConfiguration?: Array<{ Name?: string; Status?: string }>;
}

export interface Detector {
  id: string;
  Status?: string;
  Features?: DetectorFeature[];
  DataSources?: Record<string, any>;
}

export interface GuardDutyView {
  detectorIds(region: string): Got<string[]>;
  detector(region: string, id: string): Got<Detector>;
  /** Member accounts an administrator account manages (ListMembers), when recorded. */
  members(region: string): Got<Array<{ AccountId?: string; RelationshipStatus?: string }>>;
}

export const guarddutyView = memoView((snapshot: Snapshot, accountId: string): GuardDutyView => ({
  detectorIds: (region) => got('guardduty', 'ListDetectors', region, snapshot.call<{ DetectorIds?: string[] }>(accountId, 'guardduty', 'ListDetectors', region), (d) => d.DetectorIds ?? []),
  detector: (region, id) => got('guardduty', 'GetDetector', region, snapshot.resourceCall<any>(accountId, 'guardduty', 'GetDetector', region, id), (d) => ({ id, ...d })),
  members: (region) => {
    const entry = snapshot.entry(accountId, 'guardduty', 'ListMembers', region);
    if (entry && 'resources' in entry) {
      const members = Object.values(entry.resources).flatMap((e) => ('data' in e ? ((e.data as any)?.Members ?? []) : []));
      return { ok: true, value: members };
    }
    return got('guardduty', 'ListMembers', region, snapshot.call<any>(accountId, 'guardduty', 'ListMembers', region), (d) => d.Members ?? []);
  },
}));
