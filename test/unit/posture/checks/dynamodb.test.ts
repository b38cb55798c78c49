import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, failed, loadService, merge, perKey, type Case } from './service-checks-harness.ts';

const checks = await loadService('dynamodb');
const tables = call('dynamodb', 'ListTables', { TableNames: ['orders', 'events'] });
const table = (name: string, over: Record<string, unknown> = {}) => ({ Table: { TableName: name, DeletionProtectionEnabled: true, BillingModeSummary: { BillingMode: 'PROVISIONED' }, ProvisionedThroughput: { ReadCapacityUnits: 10000, WriteCapacityUnits: 5000 }, ...over } });
const described = (orders: Record<string, unknown> = {}, events: Record<string, unknown> = {}) => perKey('dynamodb', 'DescribeTable', { orders: table('orders', orders), events: table('events', events) });
const limits = call('dynamodb', 'DescribeLimits', { AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 });
const pitr = (orders: string, events: string) => perKey('dynamodb', 'DescribeContinuousBackups', {
  orders: { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: orders } } },
  events: { ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: events } } },
});

const cases: Record<string, Case[]> = {
  'dynamodb-autoscaling-enabled': [
    {
      name: 'provisioned without write scaling fails; on-demand passes',
      data: merge(tables, described({}, { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } }), call('application-auto-scaling', 'DescribeScalableTargets', { ScalableTargets: [{ ServiceNamespace: 'dynamodb', ResourceId: 'table/orders', ScalableDimension: 'dynamodb:table:ReadCapacityUnits' }] })),
      expect: ['FAIL', 'PASS'],
      reason: /WriteCapacityUnits/,
    },
    {
      name: 'read and write scaling on table and GSI passes',
      data: merge(
        call('dynamodb', 'ListTables', { TableNames: ['orders'] }),
        perKey('dynamodb', 'DescribeTable', { orders: table('orders', { GlobalSecondaryIndexes: [{ IndexName: 'by-user' }] }) }),
        call('application-auto-scaling', 'DescribeScalableTargets', { ScalableTargets: ['table/orders dynamodb:table:ReadCapacityUnits', 'table/orders dynamodb:table:WriteCapacityUnits', 'table/orders/index/by-user dynamodb:index:ReadCapacityUnits', 'table/orders/index/by-user dynamodb:index:WriteCapacityUnits'].map((t) => ({ ResourceId: t.split(' ')[0], ScalableDimension: t.split(' ')[1] })) }),
      ),
      expect: ['PASS'],
    },
    { name: 'DescribeScalableTargets missing is ERROR for provisioned tables', data: merge(call('dynamodb', 'ListTables', { TableNames: ['orders'] }), described()), expect: ['ERROR'], reason: /DescribeScalableTargets/ },
  ],
  'dynamodb-pitr-enabled': [
    { name: 'PITR off fails, on passes', data: merge(tables, pitr('ENABLED', 'DISABLED')), expect: ['PASS', 'FAIL'], reason: /PointInTimeRecoveryStatus/ },
  ],
  'dynamodb-table-deletion-protection-enabled': [
    { name: 'off fails, on passes', data: merge(tables, described({}, { DeletionProtectionEnabled: false })), expect: ['PASS', 'FAIL'], reason: /DeletionProtectionEnabled/ },
  ],
  'dynamodb-throughput-limit-check': [
    { name: 'below 80% passes (15000/80000 RCU)', data: merge(tables, described(), limits), expect: ['PASS'] },
    {
      name: 'GSIs count; 70000/80000 RCU fails',
      data: merge(tables, described({ GlobalSecondaryIndexes: [{ IndexName: 'by-user', ProvisionedThroughput: { ReadCapacityUnits: 50000, WriteCapacityUnits: 10 } }] }), limits),
      expect: ['FAIL'],
      reason: /read capacity 70000\/80000/,
    },
    { name: 'on-demand tables provision nothing', data: merge(tables, described({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } }, { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } }), limits), expect: ['PASS'] },
    { name: 'accountRCUThresholdPercentage 10 fails 18.75%', data: merge(tables, described(), limits), parameters: { accountRCUThresholdPercentage: '10' }, expect: ['FAIL'], reason: /≥ 10%/ },
    { name: 'DescribeLimits not collected is ERROR', data: merge(tables, described()), expect: ['ERROR'], reason: /DescribeLimits/ },
    { name: 'DescribeLimits denied is ERROR', data: merge(tables, described(), failed('dynamodb', 'DescribeLimits')), expect: ['ERROR'], reason: /DescribeLimits failed \(AccessDenied\)/ },
  ],
};

describe('dynamodb checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
