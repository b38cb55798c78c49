import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUtcTimestamp } from '../../../src/core/time.ts';

test('parseUtcTimestamp reads what Date.parse reads, for the shapes AWS logs use and others', () => {
  const cases = [
    '2026-11-01T10:00:00Z', '1970-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2024-02-29T23:59:59Z', '2000-02-29T12:00:00Z',
    '2026-11-01T10:00:00.1Z', '2026-11-01T10:00:00.123Z', '2026-11-01T10:00:00.123456789Z',
    // Not the fast shape, or not valid: whatever Date.parse says (NaN, a lenient date, an offset).
    '2023-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-01T24:00:00Z', '2026-11-01T10:60:00Z',
    '2026-11-01T10:00:00+01:00', '2026-11-01', 'garbage', '', '2026-11-01T10:00:0xZ',
  ];
  for (const text of cases) assert.ok(Object.is(parseUtcTimestamp(text), Date.parse(text)), text);
});

test('parseUtcTimestamp rejects a fraction without digits, as Date.parse does', () => {
  assert.ok(Number.isNaN(parseUtcTimestamp('2026-11-01T10:00:00.Z')));
});

test('parseUtcTimestamp agrees with Date.parse over random instants from 1900 to 2100', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20_000; i++) {
    const ms = Math.floor(random() * 6.3e12) - 2.2e12;
    const iso = new Date(ms).toISOString();
    assert.equal(parseUtcTimestamp(iso), ms, iso);
    const whole = iso.replace(/\.\d+Z$/, 'Z');
    assert.equal(parseUtcTimestamp(whole), Date.parse(whole), whole);
  }
});
