import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import type { Finding } from '../../core/finding.ts';
import { SEVERITIES } from '../../core/severity.ts';
import { makeReport, renderHtmlReport, summarize, type HtmlSection } from '../../output/index.ts';
import { renderJson } from '../../output/json.ts';
import { terminalCell } from '../../output/escape.ts';
import type { FrameworkScore } from '../../posture/engine.ts';

/**
 * `vigil demo`: the whole pipeline on the built-in demo organization, offline. Each stage is
 * the same code the real commands run: generate the organization (snapshot + a week of logs),
 * posture scan, threat detection, external-access analysis, then one findings store, a JSON
 * file and an HTML report. A stage that fails is reported and the others still run.
 */

interface Stage {
  name: string;
  findings: Finding[];
  seconds: number;
  detail: string;
  error?: string;
}

export async function run({ options, config, io }: CommandInput<{ out?: string; seed?: string }>): Promise<number> {
  const outDir = resolve(options.out ?? 'vigil-demo');
  const seed = Number(options.seed ?? 42);
  if (!Number.isInteger(seed)) throw new InputError(`--seed: expected a whole number, got ${options.seed}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const stages: Stage[] = [];
  const stage = async (name: string, work: () => Promise<{ findings?: Finding[]; detail: string }>) => {
    const t = performance.now();
    io.info(`· ${name}…`);
    try {
      const { findings = [], detail } = await work();
      stages.push({ name, findings, detail, seconds: (performance.now() - t) / 1000 });
    } catch (error) {
      const message = error instanceof InputError ? error.oneLine : (error as Error).message;
      stages.push({ name, findings: [], detail: 'failed', error: message, seconds: (performance.now() - t) / 1000 });
      io.warn(`${name} failed: ${message}`);
    }
  };

  const { generateDemo } = await import('../../demo/index.ts');
  const demo = await generateDemo({ outDir, seed });
  stages.push({ name: 'generate', findings: [], seconds: (performance.now() - started) / 1000, detail: `3 accounts, snapshot in ${demo.snapshotDir}, logs in ${demo.logsDir}` });

  const { readSnapshot } = await import('../../inventory/snapshot.ts');
  const snapshot = readSnapshot(demo.snapshotDir);
  let frameworks: FrameworkScore[] = [];

  await stage('posture scan', async () => {
    const { runScan } = await import('../../posture/engine.ts');
    const result = await runScan({ snapshot, config });
    frameworks = result.frameworks;
    const failed = result.findings.filter((f) => f.status === 'FAIL').length;
    return { findings: result.findings, detail: `${result.checks} checks, ${result.findings.length} results, ${failed} FAIL` };
  });

  await stage('threat detection', async () => {
    const { runDetection } = await import('../../detect/index.ts');
    // The demo's benign history is five days long: learn over those, then watch the weekend.
    const result = await runDetection([demo.awsLogsDir], { workers: 1, learningDays: config.detect?.learningDays ?? 5, allow: config.detect?.allow, intel: demo.intelFiles });
    const expected = demo.attacks.length;
    const types = new Set(result.findings.map((f) => f.type));
    const caught = demo.attacks.filter((a) => [a.type, ...(a.alternativeTypes ?? [])].some((t) => types.has(t))).length;
    return { findings: result.findings, detail: `${result.stats.events.parsed.toLocaleString()} events, ${result.findings.length} findings, ${caught}/${expected} embedded attacks detected` };
  });

  await stage('access analysis', async () => {
    const { analyzeAccess, closeSolver } = await import('../../access/index.ts');
    const findings = await analyzeAccess(snapshot, config);
    await closeSolver();
    return { findings, detail: `${findings.filter((f) => f.status === 'FAIL').length} resources reachable from outside the zone of trust` };
  });

  await stage('log integrity', async () => {
    // A signed CloudTrail digest chain for the management account, as CloudTrail writes it,
    // with one log file edited afterwards (an intruder trimming their tracks): validation
    // must flag exactly that file. The signing key is made fresh for each run.
    const { buildTrailFixture, testSigningKey, listPublicKeysResponse, writeFixtureToFolder } = await import('../../trail/validate/testing.ts');
    const { openTrailStore, publicKeySource } = await import('../../trail/validate/setup.ts');
    const { validateTrail } = await import('../../trail/validate/validator.ts');
    const { validationFindings } = await import('../../trail/validate/findings.ts');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const key = testSigningKey();
    const account = snapshot.accounts[0]!.id;
    const fixture = buildTrailFixture({ bucket: 'demo-org-trail', account, region: 'us-east-1', trailName: 'org-trail', key, start: new Date('2026-11-14T01:00:00Z'), digests: 24, logsPerDigest: 2 });
    const tampered = fixture.logKeys[Math.floor(fixture.logKeys.length / 2)]!;
    const object = fixture.objects.get(tampered)!;
    const records = JSON.parse(gunzipSync(object.body).toString('utf8')) as { Records: unknown[] };
    records.Records.pop();
    object.body = gzipSync(JSON.stringify(records));
    const dir = join(outDir, 'trail-integrity');
    writeFixtureToFolder(dir, 'demo-org-trail', undefined, fixture.objects);
    const keysFile = join(outDir, 'trail-integrity-public-keys.json');
    writeFileSync(keysFile, JSON.stringify(listPublicKeysResponse([key])));
    const store = await openTrailStore({ dir });
    const keys = publicKeySource({ publicKeys: keysFile, end: new Date('2026-11-16T00:00:00Z') });
    try {
      const result = await validateTrail({ store, end: new Date('2026-11-16T00:00:00Z'), keysFor: (region) => keys.keysFor(region) });
      const { summary } = result;
      return {
        findings: validationFindings(result),
        detail: `${summary.digests.valid} digests and ${summary.logs.valid} log files valid, ${summary.logs.invalid} log file(s) INVALID (vigil trail validate ${dir} --public-keys ${keysFile})`,
      };
    } finally {
      store.close();
      keys.close();
    }
  });

  const all = stages.flatMap((s) => s.findings);
  await stage('findings store', async () => {
    const { FindingsStore, snapshotScope } = await import('../../hub/index.ts');
    const store = await FindingsStore.open(join(outDir, 'vigil.db'));
    try {
      let created = 0;
      for (const s of stages.filter((x) => x.findings.length > 0)) {
        const source = s.findings[0]!.source;
        const summary = await store.ingest(s.findings, { command: `demo ${s.name}`, scope: source === 'posture' || source === 'access' ? snapshotScope(snapshot.manifest, source) : undefined });
        created += summary.created;
      }
      return { detail: `${created} findings stored in ${join(outDir, 'vigil.db')}` };
    } finally {
      await store.close();
    }
  });

  const summary = summarize(all);
  const report = makeReport('demo', all, { frameworks, stages: stages.map(({ findings, ...rest }) => ({ ...rest, findings: findings.length })) }, 'Vigil demo organization');
  const sections: HtmlSection[] = [
    { title: 'Pipeline', table: { columns: ['Stage', 'Seconds', 'Findings', 'Result'], rows: stages.map((s) => [s.name, s.seconds.toFixed(1), s.findings.length, s.error ? `failed: ${s.error}` : s.detail]) } },
  ];
  const scored = frameworks.filter((f) => f.score !== null);
  if (scored.length > 0) sections.push({ title: 'Framework scores (passed ÷ controls with data)', table: { columns: ['Framework', 'Score', 'Passed', 'Failed'], rows: scored.map((f) => [f.id, `${f.score}%`, f.passed, f.failed]) } });
  const htmlPath = join(outDir, 'report.html');
  writeFileSync(htmlPath, renderHtmlReport(report, sections));
  writeFileSync(join(outDir, 'findings.json'), renderJson(report));

  const problems = all.filter((f) => f.status === undefined || f.status === 'FAIL' || f.status === 'ERROR');
  io.out(`Vigil demo: ${stages.length} stages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const s of stages) io.out(`  ${s.error ? '✗' : '✓'} ${s.name.padEnd(17)} ${s.seconds.toFixed(1).padStart(5)} s  ${terminalCell(s.error ? `FAILED: ${s.error}` : s.detail)}`);
  io.out(`\nProblems by severity: ${[...SEVERITIES].reverse().map((sev) => `${sev} ${problems.filter((f) => f.severity === sev).length}`).join(' · ')}`);
  io.out(`By source: ${Object.entries(countBy(problems, (f) => f.source)).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  if (scored.length > 0) io.out(`Scores: ${scored.map((f) => `${f.id} ${f.score}%`).join(' · ')}`);
  if (summary.topFailing.length > 0) {
    io.out('\nTop failing controls:');
    for (const c of summary.topFailing.slice(0, 10)) io.out(`  ${terminalCell(c.control).padEnd(34)} ${String(c.failures).padStart(4)}× ${terminalCell(c.title)}`);
  }
  io.out(`\nReport:   ${htmlPath}\nFindings: ${join(outDir, 'findings.json')}\nStore:    ${join(outDir, 'vigil.db')}  (try: vigil findings list --store ${join(outDir, 'vigil.db')} --severity HIGH+)`);
  return stages.some((s) => s.error) ? 70 : 0;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
