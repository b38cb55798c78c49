import type { Snapshot } from '../snapshot.ts';
import { got, memoView, type Got } from './account.ts';
import { decodePolicy, type PolicyDocument } from './iam.ts';

/** KMS keys per region: ListKeys, then per key DescribeKey, GetKeyRotationStatus, GetKeyPolicy. */

export interface KeyMetadata {
  KeyId?: string;
  Arn?: string;
  KeyManager?: string;
  KeyState?: string;
  KeySpec?: string;
  KeyUsage?: string;
  Origin?: string;
  DeletionDate?: string;
  MultiRegion?: boolean;
}

export interface KmsView {
  keys(region: string): Got<Array<{ KeyId?: string; KeyArn?: string }>>;
  describe(region: string, keyId: string): Got<KeyMetadata>;
  rotationEnabled(region: string, keyId: string): Got<boolean>;
  policy(region: string, keyId: string): Got<PolicyDocument | undefined>;
}

export const kmsView = memoView((snapshot: Snapshot, accountId: string): KmsView => {
  const per = <T>(operation: string, region: string, keyId: string) => snapshot.resourceCall<T>(accountId, 'kms', operation, region, keyId);
  return {
    keys: (region) => got('kms', 'ListKeys', region, snapshot.call<any>(accountId, 'kms', 'ListKeys', region), (d) => d.Keys ?? []),
    describe: (region, keyId) => got('kms', 'DescribeKey', region, per<any>('DescribeKey', region, keyId), (d) => d.KeyMetadata ?? {}),
    rotationEnabled: (region, keyId) => got('kms', 'GetKeyRotationStatus', region, per<any>('GetKeyRotationStatus', region, keyId), (d) => d.KeyRotationEnabled === true),
    policy: (region, keyId) => got('kms', 'GetKeyPolicy', region, per<any>('GetKeyPolicy', region, keyId), (d) => decodePolicy(d.Policy)),
  };
});
