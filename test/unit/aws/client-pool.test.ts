import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientPool } from '../../../src/aws/client-pool.ts';
import { runUnit } from '../../../src/inventory/collect/unit.ts';
import { REGISTRY } from '../../../src/inventory/collect/registry.ts';

/**
 * The pool's real SDK clients, with a middleware standing in for AWS inside the retry loop,
 * so the adaptive retry the pool configures is what is exercised.
 */

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

function throttlingPool(failures: number, maxAttempts: number) {
  let attempts = 0;
  const pool = new ClientPool({
    credentials,
    maxAttempts,
    onClient: (client) =>
      client.middlewareStack.add(
        () => async () => {
          attempts++;
          if (attempts <= failures) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
          return { output: { Vpcs: [{ VpcId: 'vpc-1' }], $metadata: {} }, response: { statusCode: 200, headers: {} } };
        },
        { step: 'deserialize', priority: 'high', name: 'fakeAws' },
      ),
  });
  return { pool, attempts: () => attempts };
}

describe('client pool', () => {
  it('caches one client per service, account and region', async () => {
    const pool = new ClientPool({ credentials });
    const a = await pool.client('s3', '111122223333', 'us-east-1');
    assert.equal(await pool.client('s3', '111122223333', 'us-east-1'), a);
    assert.notEqual(await pool.client('s3', '111122223333', 'eu-west-1'), a);
    assert.notEqual(await pool.client('s3', '444455556666', 'us-east-1'), a);
    pool.destroy();
  });

  it('applies --endpoint-url, adaptive retry and per-account credentials to every client', async () => {
    const pool = new ClientPool({ credentials, endpointUrl: 'http://127.0.0.1:9/' });
    pool.setAccountCredentials('444455556666', async () => ({ accessKeyId: 'ASIAMEMBER', secretAccessKey: 's' }));
    for (const service of ['s3', 'iam', 'ec2', 'sts'] as const) {
      const client = (await pool.client(service, '444455556666', 'eu-west-1')) as unknown as { config: Record<string, any> };
      const endpoint = await client.config.endpoint?.();
      assert.equal(endpoint?.hostname, '127.0.0.1', `${service} endpoint`);
      assert.equal((await client.config.retryStrategy()).mode, 'adaptive');
      assert.equal((await client.config.credentials()).accessKeyId, 'ASIAMEMBER');
    }
    const own = (await pool.client('iam', '111122223333', 'us-east-1')) as unknown as { config: Record<string, any> };
    assert.equal((await own.config.credentials()).accessKeyId, 'AKIDEXAMPLE');
    const s3 = (await pool.client('s3', undefined, 'us-east-1')) as unknown as { config: Record<string, any> };
    assert.equal(s3.config.forcePathStyle, true);
    pool.destroy();
  });

  it('refuses S3 Control on an IP-address endpoint (it would prefix the host with the account id)', async () => {
    const pool = new ClientPool({ credentials, endpointUrl: 'http://127.0.0.1:9' });
    await assert.rejects(pool.send('s3-control', '111122223333', 'us-east-1', 'GetPublicAccessBlock', { AccountId: '111122223333' }), { name: 'InvalidEndpoint' });
    const client = (await pool.client('iam', undefined, 'us-east-1')) as unknown as { config: Record<string, unknown> };
    assert.equal(client.config.disableHostPrefix, true);
    pool.destroy();
  });

  it('retries throttling and records the answer once it comes', async () => {
    const { pool, attempts } = throttlingPool(1, 3);
    const op = REGISTRY.find((o) => o.service === 'ec2' && o.operation === 'DescribeVpcs')!;
    const result = await runUnit({ account: '111122223333', region: 'us-east-1', homeRegion: 'us-east-1', service: 'ec2', operations: [op] }, { pool, perService: 1, pollIntervalMs: 1, maxPolls: 1 });
    assert.deepEqual(result.entries[0]!.entry, { data: { Vpcs: [{ VpcId: 'vpc-1' }] } });
    assert.equal(attempts(), 2);
    pool.destroy();
  });

  it('records ThrottlingException once the retries are spent, without throwing', async () => {
    const { pool, attempts } = throttlingPool(100, 2);
    const op = REGISTRY.find((o) => o.service === 'ec2' && o.operation === 'DescribeVpcs')!;
    const result = await runUnit({ account: '111122223333', region: 'us-east-1', homeRegion: 'us-east-1', service: 'ec2', operations: [op] }, { pool, perService: 1, pollIntervalMs: 1, maxPolls: 1 });
    assert.deepEqual(result.entries[0]!.entry, { error: { code: 'ThrottlingException', message: 'Rate exceeded' } });
    assert.equal(attempts(), 2);
    assert.deepEqual(result.errors, { ThrottlingException: 1 });
    pool.destroy();
  });
});
