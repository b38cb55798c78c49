import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../helpers/vigil.ts';
import { generateDemo } from '../../../src/demo/index.ts';
import { readSnapshot } from '../../../src/inventory/snapshot.ts';
import { runScan } from '../../../src/posture/engine.ts';

/**
 * Golden file over the demo organization: for every check, how many results of each status,
 * plus each framework's score. A change in any check's verdict on the demo shows up here.
 * Update on purpose with:  UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/unit/posture/demo-golden.test.ts
 */
const GOLDEN = fileURLToPath(new URL('./golden/demo-posture.json', import.meta.url));

test('posture results over the demo organization match the golden summary', async () => {
  const demo = await generateDemo({ outDir: tempDir('vigil-demo-golden-') });
  const result = await runScan({ snapshot: readSnapshot(demo.snapshotDir) });
  const checks: Record<string, Record<string, number>> = {};
  for (const finding of result.findings) {
    const counts = (checks[finding.type] ??= {});
    counts[finding.status!] = (counts[finding.status!] ?? 0) + 1;
  }
  const summary = {
    findings: result.findings.length,
    frameworks: Object.fromEntries(result.frameworks.map((f) => [f.id, { score: f.score, passed: f.passed, failed: f.failed, unknown: f.unknown, noData: f.noData }])),
    checks: Object.fromEntries(Object.entries(checks).sort(([a], [b]) => a.localeCompare(b)).map(([id, counts]) => [id, Object.fromEntries(Object.entries(counts).sort())])),
  };
  const text = `${JSON.stringify(summary, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
  assert.deepEqual(summary, JSON.parse(readFileSync(GOLDEN, 'utf8')));
});
