import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { ClientPool } from '../../../src/aws/client-pool.ts';
import { listPublicKeys, readPublicKeysFile } from '../../../src/trail/validate/public-keys.ts';
import { listPublicKeysResponse, testSigningKey } from '../../../src/trail/validate/testing.ts';
import { AwsFailure, InputError } from '../../../src/core/errors.ts';
import { tempDir } from '../../helpers/vigil.ts';

const key = testSigningKey();

test('live keys: ListPublicKeys in the home region for the window, every page, DER bytes imported', async () => {
  const mock = mockClient(CloudTrailClient);
  const der = Buffer.from(key.value, 'base64');
  mock.on(ListPublicKeysCommand).resolvesOnce({ PublicKeyList: [{ Value: der, Fingerprint: key.fingerprint }], NextToken: 'page2' }).resolvesOnce({ PublicKeyList: [{ Value: der, Fingerprint: 'other' }] });
  const pool = new ClientPool({ credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }), maxAttempts: 1 });
  try {
    const keys = await listPublicKeys(pool, 'eu-central-1', new Date('2024-05-01T00:00:00Z'), new Date('2024-05-02T00:00:00Z'));
    assert.deepEqual([...keys.keys()], [key.fingerprint, 'other']);
    const calls = mock.commandCalls(ListPublicKeysCommand);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]!.args[0].input, { StartTime: new Date('2024-05-01T00:00:00Z'), EndTime: new Date('2024-05-02T00:00:00Z') });
    assert.equal(calls[1]!.args[0].input.NextToken, 'page2');
    assert.equal(await calls[0]!.thisValue.config.region(), 'eu-central-1');
    mock.on(ListPublicKeysCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    await assert.rejects(listPublicKeys(pool, 'eu-central-1', undefined, new Date()), (error: unknown) => error instanceof AwsFailure && error.code === 'AccessDeniedException');
  } finally {
    pool.destroy();
    mock.restore();
  }
});

test('offline keys: the list-public-keys JSON; anything else is an InputError naming the file', () => {
  const dir = tempDir();
  const good = join(dir, 'keys.json');
  writeFileSync(good, JSON.stringify(listPublicKeysResponse([key])));
  assert.equal(readPublicKeysFile(good).get(key.fingerprint)?.key.asymmetricKeyType, 'rsa');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ PublicKeyList: [{ Fingerprint: 'x', Value: 'bm90IGEga2V5' }] }));
  assert.throws(() => readPublicKeysFile(bad), (error: unknown) => error instanceof InputError && error.oneLine.startsWith(bad));
  writeFileSync(bad, '{"Keys": []}');
  assert.throws(() => readPublicKeysFile(bad), InputError);
});
