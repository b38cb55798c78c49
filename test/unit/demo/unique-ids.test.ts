import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runVigil, tempDir } from '../../helpers/vigil.ts';

/**
 * Contract 2: a finding id names one problem on one resource. Stores upsert by id, so two
 * findings sharing one in a report means one of them is silently lost. The demo runs every
 * producer on one organization, so its report is where ids from different stages and
 * different grants would meet.
 */
test('the demo report (every stage) never holds two findings with the same id', async () => {
  const cwd = tempDir('vigil-demo-ids-');
  const out = join(cwd, 'demo');
  const run = await runVigil(['demo', '--out', out], { cwd });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { findings: Array<{ id: string; source: string; type: string; resource: { id: string } }> };

  // Every producer took part, so the check covers them all.
  assert.deepEqual([...new Set(report.findings.map((f) => f.source))].sort(), ['access', 'detection', 'integrity', 'posture']);
  const byId = new Map<string, string[]>();
  for (const f of report.findings) byId.set(f.id, [...(byId.get(f.id) ?? []), `${f.source} ${f.type} ${f.resource.id}`]);
  const repeated = [...byId].filter(([, found]) => found.length > 1).map(([id, found]) => `${id}: ${found.join(' | ')}`);
  assert.deepEqual(repeated, []);
});
