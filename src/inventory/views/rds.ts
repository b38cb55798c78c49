import type { DBCluster, DBClusterSnapshot, DBClusterSnapshotAttributesResult, DBInstance, DBSnapshot, DBSnapshotAttributesResult } from '@aws-sdk/client-rds';
import { listPerRegion, perResource, type RegionalList, type ResourceAnswer, type ViewContext } from './regional-calls.ts';

/** Typed view of the RDS responses in a snapshot. */
const S = 'rds';

export function dbInstances(context: ViewContext): Array<RegionalList<DBInstance>> {
  return listPerRegion<{ DBInstances?: DBInstance[] }, DBInstance>(context, S, 'DescribeDBInstances', (r) => r.DBInstances);
}
export function dbClusters(context: ViewContext): Array<RegionalList<DBCluster>> {
  return listPerRegion<{ DBClusters?: DBCluster[] }, DBCluster>(context, S, 'DescribeDBClusters', (r) => r.DBClusters);
}
export function dbSnapshots(context: ViewContext): Array<RegionalList<DBSnapshot>> {
  return listPerRegion<{ DBSnapshots?: DBSnapshot[] }, DBSnapshot>(context, S, 'DescribeDBSnapshots', (r) => r.DBSnapshots);
}
export function dbClusterSnapshots(context: ViewContext): Array<RegionalList<DBClusterSnapshot>> {
  return listPerRegion<{ DBClusterSnapshots?: DBClusterSnapshot[] }, DBClusterSnapshot>(context, S, 'DescribeDBClusterSnapshots', (r) => r.DBClusterSnapshots);
}
/** DescribeDBSnapshotAttributes, keyed by DB snapshot identifier. */
export function dbSnapshotAttributes(context: ViewContext, region: string, snapshot: DBSnapshot): ResourceAnswer<{ DBSnapshotAttributesResult?: DBSnapshotAttributesResult }> {
  return perResource(context, S, 'DescribeDBSnapshotAttributes', region, snapshot.DBSnapshotIdentifier, snapshot.DBSnapshotArn);
}
/** DescribeDBClusterSnapshotAttributes, keyed by DB cluster snapshot identifier. */
export function dbClusterSnapshotAttributes(context: ViewContext, region: string, snapshot: DBClusterSnapshot): ResourceAnswer<{ DBClusterSnapshotAttributesResult?: DBClusterSnapshotAttributesResult }> {
  return perResource(context, S, 'DescribeDBClusterSnapshotAttributes', region, snapshot.DBClusterSnapshotIdentifier, snapshot.DBClusterSnapshotArn);
}
/** Accounts (or `all`) allowed to restore a snapshot, from its `restore` attribute. */
export function restoreAccounts(attributes: Array<{ AttributeName?: string; AttributeValues?: string[] }> | undefined): string[] {
  return attributes?.find((attribute) => attribute.AttributeName === 'restore')?.AttributeValues ?? [];
}
/** Aurora instances get backups, encryption and IAM auth from their cluster. */
export function isClusterMember(instance: DBInstance): boolean {
  return typeof instance.DBClusterIdentifier === 'string' && instance.DBClusterIdentifier.length > 0;
}
