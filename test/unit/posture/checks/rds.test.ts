import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('rds');

const db = (over: Record<string, unknown> = {}) => ({
  DBInstanceIdentifier: 'db1',
  DBInstanceArn: 'arn:aws:rds:us-east-1:111122223333:db:db1',
  Engine: 'postgres',
  PubliclyAccessible: false,
  StorageEncrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1',
  AutoMinorVersionUpgrade: true,
  MultiAZ: true,
  MonitoringInterval: 60,
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: true,
  EnabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  BackupRetentionPeriod: 7,
  PreferredBackupWindow: '03:00-04:00',
  ...over,
});
const dbs = (...list: unknown[]) => call('rds', 'DescribeDBInstances', { DBInstances: list });
const cluster = (over: Record<string, unknown> = {}) => ({ DBClusterIdentifier: 'c1', DBClusterArn: 'arn:aws:rds:us-east-1:111122223333:cluster:c1', DeletionProtection: true, IAMDatabaseAuthenticationEnabled: true, MultiAZ: true, ...over });
const clusters = (...list: unknown[]) => call('rds', 'DescribeDBClusters', { DBClusters: list });
const snaps = call('rds', 'DescribeDBSnapshots', { DBSnapshots: [{ DBSnapshotIdentifier: 's1', DBSnapshotArn: 'arn:aws:rds:us-east-1:111122223333:snapshot:s1', SnapshotType: 'manual', Encrypted: true }] });
const restore = (values: string[]) => perKey('rds', 'DescribeDBSnapshotAttributes', { s1: { DBSnapshotAttributesResult: { DBSnapshotIdentifier: 's1', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: values }] } } });

const cases: Record<string, Case[]> = {
  'rds-instance-public-access-check': [
    { name: 'public fails', data: dbs(db({ PubliclyAccessible: true })), expect: ['FAIL'], reason: /PubliclyAccessible/ },
    { name: 'private passes', data: dbs(db()), expect: ['PASS'] },
  ],
  'rds-storage-encrypted': [
    { name: 'unencrypted fails', data: dbs(db({ StorageEncrypted: false })), expect: ['FAIL'], reason: /StorageEncrypted/ },
    { name: 'encrypted passes', data: dbs(db()), expect: ['PASS'] },
    { name: 'kmsKeyId: another key fails', data: dbs(db()), parameters: { kmsKeyId: 'k-9' }, expect: ['FAIL'], reason: /KmsKeyId/ },
    { name: 'kmsKeyId: the key id passes', data: dbs(db()), parameters: { kmsKeyId: 'k-1' }, expect: ['PASS'] },
  ],
  'rds-automatic-minor-version-upgrade-enabled': [
    { name: 'off fails', data: dbs(db({ AutoMinorVersionUpgrade: false })), expect: ['FAIL'], reason: /AutoMinorVersionUpgrade/ },
    { name: 'on passes', data: dbs(db()), expect: ['PASS'] },
  ],
  'rds-multi-az-support': [
    { name: 'single AZ fails', data: dbs(db({ MultiAZ: false })), expect: ['FAIL'], reason: /MultiAZ/ },
    { name: 'multi AZ passes; Aurora member and read replica skipped', data: dbs(db(), db({ DBInstanceIdentifier: 'a1', DBClusterIdentifier: 'c1', MultiAZ: false }), db({ DBInstanceIdentifier: 'r1', ReadReplicaSourceDBInstanceIdentifier: 'db1', MultiAZ: false })), expect: ['PASS'] },
  ],
  'rds-enhanced-monitoring-enabled': [
    { name: 'interval 0 fails', data: dbs(db({ MonitoringInterval: 0 })), expect: ['FAIL'], reason: /MonitoringInterval/ },
    { name: 'interval 60 passes', data: dbs(db()), expect: ['PASS'] },
    { name: 'monitoringInterval 15 required', data: dbs(db()), parameters: { monitoringInterval: 15 }, expect: ['FAIL'] },
  ],
  'rds-instance-deletion-protection-enabled': [
    { name: 'off fails', data: dbs(db({ DeletionProtection: false })), expect: ['FAIL'], reason: /DeletionProtection/ },
    { name: 'on passes', data: dbs(db()), expect: ['PASS'] },
  ],
  'rds-instance-iam-authentication-enabled': [
    { name: 'off fails', data: dbs(db({ IAMDatabaseAuthenticationEnabled: false })), expect: ['FAIL'], reason: /IAMDatabaseAuthenticationEnabled/ },
    { name: 'on passes; Oracle not applicable', data: dbs(db(), db({ DBInstanceIdentifier: 'ora', Engine: 'oracle-ee', IAMDatabaseAuthenticationEnabled: false })), expect: ['PASS', 'NOT_APPLICABLE'] },
  ],
  'rds-logging-enabled': [
    { name: 'missing upgrade log fails', data: dbs(db({ EnabledCloudwatchLogsExports: ['postgresql'] })), expect: ['FAIL'], reason: /upgrade/ },
    { name: 'all logs pass', data: dbs(db()), expect: ['PASS'] },
  ],
  'rds-cluster-deletion-protection-enabled': [
    { name: 'off fails', data: clusters(cluster({ DeletionProtection: false })), expect: ['FAIL'], reason: /DeletionProtection/ },
    { name: 'on passes', data: clusters(cluster()), expect: ['PASS'] },
  ],
  'rds-cluster-iam-authentication-enabled': [
    { name: 'off fails', data: clusters(cluster({ IAMDatabaseAuthenticationEnabled: false })), expect: ['FAIL'] },
    { name: 'on passes', data: clusters(cluster()), expect: ['PASS'] },
  ],
  'rds-cluster-multi-az-enabled': [
    { name: 'single AZ fails', data: clusters(cluster({ MultiAZ: false })), expect: ['FAIL'], reason: /MultiAZ/ },
    { name: 'multi AZ passes', data: clusters(cluster()), expect: ['PASS'] },
  ],
  'rds-cluster-encrypted-at-rest': [
    { name: 'unencrypted fails', data: clusters(cluster({ StorageEncrypted: false })), expect: ['FAIL'], reason: /StorageEncrypted/ },
    { name: 'encrypted passes', data: clusters(cluster({ StorageEncrypted: true })), expect: ['PASS'] },
  ],
  'rds-cluster-auto-minor-version-upgrade-enable': [
    { name: 'off fails', data: clusters(cluster({ AutoMinorVersionUpgrade: false })), expect: ['FAIL'], reason: /AutoMinorVersionUpgrade/ },
    { name: 'on passes; Aurora without the field not applicable', data: clusters(cluster({ AutoMinorVersionUpgrade: true }), cluster({ DBClusterIdentifier: 'aurora' })), expect: ['PASS', 'NOT_APPLICABLE'] },
  ],
  'rds-cluster-copy-tags-to-snapshots-enabled': [
    { name: 'off fails', data: clusters(cluster({ CopyTagsToSnapshot: false })), expect: ['FAIL'], reason: /CopyTagsToSnapshot/ },
    { name: 'on passes', data: clusters(cluster({ CopyTagsToSnapshot: true })), expect: ['PASS'] },
  ],
  'rds-instance-copy-tags-to-snapshots-enabled': [
    { name: 'off fails', data: dbs(db({ CopyTagsToSnapshot: false })), expect: ['FAIL'], reason: /CopyTagsToSnapshot/ },
    { name: 'on passes', data: dbs(db({ CopyTagsToSnapshot: true })), expect: ['PASS'] },
  ],
  'db-instance-backup-enabled': [
    { name: 'retention 0 fails', data: dbs(db({ BackupRetentionPeriod: 0 })), expect: ['FAIL'], reason: /BackupRetentionPeriod = 0/ },
    { name: 'retention 7 passes', data: dbs(db()), expect: ['PASS'] },
    { name: 'backupRetentionPeriod must match', data: dbs(db()), parameters: { backupRetentionPeriod: 14 }, expect: ['FAIL'], reason: /not 14/ },
    { name: 'backupRetentionMinimum', data: dbs(db()), parameters: { backupRetentionMinimum: '10' }, expect: ['FAIL'], reason: /minimum 10/ },
    { name: 'preferredBackupWindow mismatch', data: dbs(db()), parameters: { preferredBackupWindow: '05:00-06:00' }, expect: ['FAIL'], reason: /PreferredBackupWindow/ },
    { name: 'read replica not applicable by default', data: dbs(db({ ReadReplicaSourceDBInstanceIdentifier: 'db0', BackupRetentionPeriod: 0 })), expect: ['NOT_APPLICABLE'] },
    { name: 'checkReadReplicas evaluates replicas', data: dbs(db({ ReadReplicaSourceDBInstanceIdentifier: 'db0', BackupRetentionPeriod: 0 })), parameters: { checkReadReplicas: true }, expect: ['FAIL'] },
  ],
  'rds-snapshots-public-prohibited': [
    { name: 'restore all fails', data: merge(snaps, restore(['all'])), expect: ['FAIL'], reason: /"all"/ },
    { name: 'shared with one account passes', data: merge(snaps, restore(['444455556666'])), expect: ['PASS'] },
    { name: 'attributes denied is ERROR', data: merge(snaps, perKey('rds', 'DescribeDBSnapshotAttributes', { s1: { error: { code: 'AccessDenied', message: 'x' } } })), expect: ['ERROR'] },
    {
      name: 'public cluster snapshot fails',
      data: merge(snaps, restore([]), call('rds', 'DescribeDBClusterSnapshots', { DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'cs1', SnapshotType: 'manual' }] }), perKey('rds', 'DescribeDBClusterSnapshotAttributes', { cs1: { DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] } } })),
      expect: ['PASS', 'FAIL'],
    },
  ],
  'rds-snapshot-encrypted': [
    { name: 'unencrypted fails', data: call('rds', 'DescribeDBSnapshots', { DBSnapshots: [{ DBSnapshotIdentifier: 's1', Encrypted: false }] }), expect: ['FAIL'], reason: /Encrypted = false/ },
    { name: 'encrypted passes', data: snaps, expect: ['PASS'] },
  ],
};

describe('rds checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
