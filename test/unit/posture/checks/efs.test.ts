import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, assertMetadata, assertNeverPassesWithoutData, call, loadService, type Case } from './service-checks-harness.ts';

const checks = await loadService('efs');
const fs = (over: Record<string, unknown> = {}) => call('efs', 'DescribeFileSystems', { FileSystems: [{ FileSystemId: 'fs-1', FileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1', Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-1', ...over }] });

const cases: Record<string, Case[]> = {
  'efs-encrypted-check': [
    { name: 'unencrypted fails', data: fs({ Encrypted: false, KmsKeyId: undefined }), expect: ['FAIL'], reason: /Encrypted = false/ },
    { name: 'encrypted passes', data: fs(), expect: ['PASS'] },
    { name: 'KmsKeyId parameter mismatch fails', data: fs(), parameters: { KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k-2' }, expect: ['FAIL'], reason: /KmsKeyId/ },
  ],
};

describe('efs checks', () => {
  test('every check has cases', () => assert.deepEqual(Object.keys(checks).filter((id) => !cases[id]), []));
  for (const [id, check] of Object.entries(checks)) {
    describe(id, () => {
      test('metadata', () => assertMetadata(id, check));
      test('data missing or denied → ERROR naming the call', () => assertNeverPassesWithoutData(id, check));
      for (const c of cases[id] ?? []) test(c.name, () => assertCase(check, c));
    });
  }
});
