import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Reader } from 'mmdb-lib';
import { asnOf, countryOf, isAwsIp, parseV4 } from '../../../src/detect/intel/geo.ts';

const require = createRequire(import.meta.url);

test('parseV4 reads dotted-decimal IPv4 (zero padding as decimal) and nothing else', () => {
  assert.equal(parseV4('1.2.3.4'), 0x01020304);
  assert.equal(parseV4('255.255.255.255'), 0xffffffff);
  assert.equal(parseV4('075.050.255.067'), (75 << 24) + (50 << 16) + (255 << 8) + 67);
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '1.2.3.256', '1..3.4', '1.2.3.4 ', 'a.b.c.d', '::1', '1.2.3.0004', 'ec2.amazonaws.com']) {
    assert.equal(parseV4(bad), -1, bad);
  }
});

test('per-block caching gives the answers of a direct lookup in the shipped tables', () => {
  // The reference: the ASN CSV searched directly, and the country database read per address.
  const lines = readFileSync(require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'), 'utf8').split('\n').filter(Boolean);
  const ranges = lines.map((line) => line.split(',').slice(0, 3).map(Number) as [number, number, number]).filter((r) => r.length === 3 && r.every(Number.isFinite));
  const directAsn = (ip: number) => {
    let lo = 0;
    let hi = ranges.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid]![0] <= ip) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at >= 0 && ranges[at]![1] >= ip ? ranges[at]![2] : undefined;
  };
  const reader = new Reader(readFileSync(require.resolve('@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb')));
  const directCountry = (text: string) => (reader.get(text) as { country_code?: string } | null)?.country_code;

  let state = 7;
  const random = () => (state = (state * 1664525 + 1013904223) >>> 0);
  const addresses: number[] = [];
  // Neighbours in the same /24 (the cache's unit) and addresses anywhere.
  for (let i = 0; i < 400; i++) {
    const base = random();
    addresses.push(base, ((base & 0xffffff00) | (random() & 255)) >>> 0, ((base & 0xffffff00) | (random() & 255)) >>> 0);
  }
  // AWS space, where ranges are small and often finer than /24.
  for (let i = 0; i < 300; i++) addresses.push(((52 << 24) + (random() & 0xffffff)) >>> 0, ((3 << 24) + (random() & 0xffffff)) >>> 0);
  // Blocks the country data splits finer than /24 (3.2.32.0/24 holds NZ and IN): every address.
  for (const block of [(3 << 24) + (2 << 16) + (32 << 8), (3 << 24) + (2 << 16) + (35 << 8)]) for (let i = 0; i < 256; i++) addresses.push(block + i);
  let checked = 0;
  for (const ip of addresses) {
    const text = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
    const first = ip >>> 24;
    // Special-purpose space (private, loopback, multicast, reserved…) has no ASN or country here.
    if (first === 0 || first === 10 || first === 127 || first >= 224) {
      assert.equal(asnOf(text), undefined, text);
      assert.equal(countryOf(text), undefined, text);
      continue;
    }
    if (first === 100 || first === 169 || first === 172 || first === 192 || first === 198 || first === 203) continue;
    assert.equal(asnOf(text)?.asn, directAsn(ip), `ASN of ${text}`);
    assert.equal(countryOf(text), directCountry(text), `country of ${text}`);
    checked++;
  }
  assert.ok(checked > 1000);
  assert.equal(isAwsIp('52.94.1.1'), true);
  assert.equal(isAwsIp('8.8.8.8'), false);
});

test('a worker thread given the shared table knows Amazon-registered ASNs beyond the listed ones', async () => {
  const { Worker } = await import('node:worker_threads');
  const { sharedAsnTable } = await import('../../../src/detect/intel/geo.ts');
  // 161.188.220.5 is announced by AS36263 ("Amazon.com, Inc."), which is not in AWS_ASNS: only the name says so.
  assert.equal(isAwsIp('161.188.220.5'), true);
  const geo = new URL('../../../src/detect/intel/geo.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api').then(async ({ register }) => {
      register();
      const geo = await import(${JSON.stringify(geo)});
      geo.useAsnTable(workerData);
      parentPort.postMessage(geo.isAwsIp('161.188.220.5'));
    });`;
  const answer = await new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: sharedAsnTable() });
    worker.once('message', (value) => {
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  assert.equal(answer, true);
});

test('the ASN table is cached in binary form: a later process reads it and answers as the CSV does', async () => {
  const { execFileSync } = await import('node:child_process');
  const { readdirSync, truncateSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tempDir } = await import('../../helpers/vigil.ts');
  const cache = tempDir();
  const geo = new URL('../../../src/detect/intel/geo.ts', import.meta.url).href;
  const probe = `
    const g = await import(${JSON.stringify(geo)});
    const ips = ['8.8.8.8', '52.95.110.1', '3.5.140.2', '1.1.1.1', '203.0.113.9', '100.24.0.1', '185.220.101.4'];
    console.log(JSON.stringify(ips.map((ip) => [g.asnOf(ip), g.isAwsIp(ip)])));`;
  const run = () => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { env: { ...process.env, VIGIL_CACHE_DIR: cache }, encoding: 'utf8' });
  const fromCsv = run();
  const files = readdirSync(cache).filter((f) => f.endsWith('.bin'));
  assert.equal(files.length, 1, 'the first process wrote the cache');
  assert.equal(run(), fromCsv, 'read from the cache: the same ASNs, names and AWS answers');
  const answers = JSON.parse(fromCsv) as Array<[{ asn: number; org: string } | undefined, boolean]>;
  assert.deepEqual(answers[0]![0], { asn: 15169, org: 'Google LLC' });
  assert.equal(answers[1]![1], true);
  // A cache file cut short (a full disk) is not trusted: the CSV is parsed and the file written again.
  truncateSync(join(cache, files[0]!), 1000);
  assert.equal(run(), fromCsv);
  assert.ok(readFileSync(join(cache, files[0]!)).length > 1000);
});
