import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdaptiveRate } from '../../../src/inventory/collect/unit.ts';

describe('adaptive send rate', () => {
  it('is unlimited until throttled, then drops under what was getting through and grows back', () => {
    let now = 10_000;
    const rate = new AdaptiveRate(5, () => now);
    assert.equal(rate.callsPerSecond, Infinity);
    for (let i = 0; i < 20; i++) {
      now += 50;
      rate.succeeded();
    }
    rate.throttled();
    assert.equal(rate.callsPerSecond, 17); // 20 answered in the last second × 0.85
    rate.throttled(); // the same burst: no second cut
    assert.equal(rate.callsPerSecond, 17);
    for (let i = 0; i < 10; i++) rate.succeeded();
    assert.equal(rate.callsPerSecond, 19);
    now += 2_000;
    rate.throttled(); // nothing answered in the last second: the floor is one call per second
    assert.equal(rate.callsPerSecond, 1);
  });

  it('spaces calls at the learned rate', async () => {
    const rate = new AdaptiveRate();
    rate.throttled();
    assert.equal(rate.callsPerSecond, 1);
    (rate as unknown as { rate: number }).rate = 50; // 20 ms apart
    const started = Date.now();
    for (let i = 0; i < 6; i++) await rate.turn();
    assert.ok(Date.now() - started >= 90, `took ${Date.now() - started} ms`);
  });
});
