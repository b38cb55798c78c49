import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileRule, loadRuleFolders, parseSigmaRule } from '../../../src/detect/sigma/rule.ts';
import { base64OffsetVariants } from '../../../src/detect/sigma/values.ts';
import { tempDir } from '../../helpers/vigil.ts';

interface Case {
  name: string;
  detection: Record<string, unknown>;
  condition?: string | string[];
  event: Record<string, unknown>;
  match: boolean;
}

const cases = parse(readFileSync(new URL('./sigma-cases.yaml', import.meta.url), 'utf8')) as Case[];

for (const c of cases) {
  test(`sigma: ${c.name}`, () => {
    const rule = compileRule(
      { title: c.name, logsource: { product: 'aws', service: 'cloudtrail' }, detection: { ...c.detection, condition: c.condition ?? 'selection' } },
      'cases.yaml',
    );
    assert.equal(rule.match.test(c.event), c.match);
  });
}

test('base64offset yields the three shifted encodings', () => {
  assert.deepEqual(base64OffsetVariants(Buffer.from('sigma')), ['c2lnbW', 'NpZ21h', 'zaWdtY']);
});

test('a rule names its id, title, level and ATT&CK techniques', () => {
  const rule = parseSigmaRule(
    `title: Trail stopped\nid: 11111111-2222-3333-4444-555555555555\nlevel: high\ntags: [attack.defense-evasion, attack.t1562.008]\n` +
      `logsource: {product: aws, service: cloudtrail}\ndetection:\n  selection: {eventName: StopLogging}\n  condition: selection\n`,
    'x.yml',
  );
  assert.equal(rule.id, '11111111-2222-3333-4444-555555555555');
  assert.equal(rule.level, 'HIGH');
  assert.deepEqual(rule.techniques, ['T1562.008']);
  assert.equal(rule.type, 'Sigma:CloudTrail/TrailStopped');
  assert.deepEqual([...rule.match.required!.get('eventName')!], ['stoplogging']);
});

test('a folder of rules: other log sources are skipped, broken rules reported with file and reason, the rest loads', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'cloud', 'aws'), { recursive: true });
  mkdirSync(join(dir, 'windows'), { recursive: true });
  const ok = `title: ok\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: X}, condition: sel}\n`;
  writeFileSync(join(dir, 'cloud', 'aws', 'ok.yml'), ok);
  writeFileSync(join(dir, 'windows', 'proc.yml'), `title: win\nlogsource: {product: windows, category: process_creation}\ndetection: {sel: {Image: x}, condition: sel}\n`);
  writeFileSync(join(dir, 'cloud', 'aws', 'badmod.yml'), `title: bad\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName|nosuch: X}, condition: sel}\n`);
  writeFileSync(join(dir, 'cloud', 'aws', 'badcond.yml'), `title: bad\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: X}, condition: sel and (}\n`);
  writeFileSync(join(dir, 'cloud', 'aws', 'agg.yml'), `title: agg\nlogsource: {product: aws, service: cloudtrail}\ndetection: {sel: {eventName: X}, condition: sel | count() > 5}\n`);
  writeFileSync(join(dir, 'cloud', 'aws', 'yaml.yml'), `title: [unclosed\n`);
  writeFileSync(join(dir, 'README.md'), 'not a rule');
  const set = loadRuleFolders([dir]);
  assert.equal(set.rules.length, 1);
  assert.equal(set.skipped.length, 1);
  assert.match(set.skipped[0]!.reason, /windows/);
  const reasons = Object.fromEntries(set.failed.map((f) => [f.file.split('/').pop(), f.reason]));
  assert.match(reasons['badmod.yml']!, /unsupported modifier "nosuch"/);
  assert.match(reasons['badcond.yml']!, /condition/);
  assert.match(reasons['agg.yml']!, /aggregation/);
  assert.match(reasons['yaml.yml']!, /YAML/);
});

test('unknown selection in a condition is an error naming it', () => {
  assert.throws(
    () => compileRule({ title: 't', logsource: { product: 'aws', service: 'cloudtrail' }, detection: { a: { x: 1 }, condition: 'a and b' } }, 'f'),
    /unknown selection "b"/,
  );
});
