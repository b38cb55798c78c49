import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateDemo } from '../../../src/demo/index.ts';
import { runDetection } from '../../../src/detect/index.ts';
import { atLeast } from '../../../src/core/severity.ts';
import { tempDir } from '../../helpers/vigil.ts';

/**
 * Recall and noise on the demo organization: every attack embedded in its week of logs
 * (ATTACKS.json) is found under its expected type (or an accepted alternative) with evidence
 * pointing at the attack's own events, and nothing else in the week, the benign traffic,
 * raises a MEDIUM-or-higher finding. The week is short, so the baselines learn for 3 days.
 */
test('demo organization: every embedded attack detected, the benign week quiet', async () => {
  const demo = await generateDemo({ outDir: tempDir('vigil-demo-detect-'), seed: 42 });
  const { findings, stats } = await runDetection([demo.awsLogsDir], { intel: demo.intelFiles, learningDays: 3 });
  assert.equal(stats.events.skipped, 0);

  const attackEvents = new Map<string, string>();
  for (const attack of demo.attacks) {
    for (const id of attack.eventIds ?? []) attackEvents.set(id, attack.id);
    for (const ref of attack.refs ?? []) attackEvents.set(join(demo.logsDir, ref), attack.id);
  }
  const attacksOf = (events: string[] | undefined) => new Set((events ?? []).map((e) => attackEvents.get(e)).filter(Boolean));

  const missed = demo.attacks.filter((attack) => {
    const accepted = new Set([attack.type, ...attack.alternativeTypes]);
    return !findings.some((f) => accepted.has(f.type) && (attacksOf(f.evidence.events).has(attack.id) || f.account === attack.account));
  });
  assert.deepEqual(missed.map((a) => `${a.id} (${a.type})`), []);

  // The ground truth tags one side of some conversations (a scan inside the VPC is logged by
  // both interfaces): a finding of an attack's type, in its account, during it, is that attack.
  const during = (f: (typeof findings)[number]) =>
    demo.attacks.some(
      (a) => [a.type, ...a.alternativeTypes].includes(f.type) && a.account === f.account && f.firstSeen! <= new Date(a.lastSeen).toISOString() && f.lastSeen! >= new Date(a.firstSeen).toISOString(),
    );
  const noisy = findings.filter((f) => atLeast(f.severity, 'MEDIUM') && attacksOf(f.evidence.events).size === 0 && !during(f));
  assert.deepEqual(noisy.map((f) => `${f.severity} ${f.type} ${f.resource.id} ${String(f.evidence.actor)}`), []);
});
