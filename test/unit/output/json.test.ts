import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJson, renderJsonl } from '../../../src/output/json.ts';
import { defaultFormat, emitReport } from '../../../src/output/index.ts';
import { memoryIo } from '../../../src/cli/io.ts';
import { tempDir } from '../../helpers/vigil.ts';
import { InputError } from '../../../src/core/errors.ts';
import { itemsSlot, joinChunks, prettyJsonChunks } from '../../../src/output/chunks.ts';
import { ALL, ROOT_KEY, sampleReport } from './fixtures/findings.ts';

test('json is {"findings": [...]} plus the command keys, findings keys in Contract 2 order', () => {
  const shuffled = Object.fromEntries(Object.entries(ROOT_KEY).reverse()) as typeof ROOT_KEY;
  const parsed = JSON.parse(renderJson(sampleReport([shuffled], { frameworks: [{ id: 'cis-aws-5.0.0', score: 50 }] })));
  assert.deepEqual(Object.keys(parsed), ['findings', 'frameworks']);
  assert.deepEqual(Object.keys(parsed.findings[0]).slice(0, 6), ['id', 'source', 'type', 'status', 'severity', 'title']);
  assert.deepEqual(parsed.findings[0], ROOT_KEY);
  assert.deepEqual(parsed.frameworks, [{ id: 'cis-aws-5.0.0', score: 50 }]);
});

test('json keeps passing results so that a score can be recomputed', () => {
  const parsed = JSON.parse(renderJson(sampleReport()));
  assert.equal(parsed.findings.length, ALL.length);
  assert.ok(parsed.findings.some((f: { status?: string }) => f.status === 'PASS'));
});

test('jsonl is one parseable finding per line and nothing else', () => {
  const lines = renderJsonl(sampleReport()).split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, ALL.length);
  assert.deepEqual(lines.map((l) => JSON.parse(l).id), ALL.map((f) => f.id));
});

test('emitReport: --fail-on gives exit 1 only for actionable findings at or above the threshold', async () => {
  const report = sampleReport();
  assert.equal(await emitReport(report, { format: 'json' }, memoryIo()), 0);
  assert.equal(await emitReport(report, { format: 'json', failOn: 'CRITICAL' }, memoryIo()), 1);
  // the only HIGH-or-worse problems besides ROOT_KEY are a FAIL and an ERROR; the PASS never counts
  const onlyPassAndError = sampleReport(ALL.filter((f) => f.status === 'PASS' || f.status === 'ERROR'));
  assert.equal(await emitReport(onlyPassAndError, { format: 'json', failOn: 'LOW' }, memoryIo()), 0);
});

test('emitReport writes --out files, and picks html for an .html name', async () => {
  const dir = tempDir();
  const io = memoryIo();
  await emitReport(sampleReport(), { format: 'jsonl', out: join(dir, 'f.jsonl') }, io);
  assert.equal(readFileSync(join(dir, 'f.jsonl'), 'utf8'), renderJsonl(sampleReport()));
  assert.match(io.stderrText(), /wrote 5 findings \(jsonl\)/);
  assert.equal(io.stdoutText(), '');
  await emitReport(sampleReport(), { out: join(dir, 'r.html') }, memoryIo());
  assert.match(readFileSync(join(dir, 'r.html'), 'utf8'), /^<!DOCTYPE html>/);
});

test('chunked JSON is byte-identical to JSON.stringify, at any nesting, empty or not', () => {
  for (const items of [[], [{ a: [1, { b: '</x>' }] }, 'two', null]]) {
    const slot = itemsSlot();
    const doc = { before: { x: 1 }, runs: [{ tool: 'v', results: slot.token }], after: [] };
    const expected = `${JSON.stringify({ ...doc, runs: [{ tool: 'v', results: items }] }, null, 2)}\n`;
    assert.equal(joinChunks(prettyJsonChunks(doc, slot, items)), expected);
  }
  const slot = itemsSlot();
  assert.equal(joinChunks(prettyJsonChunks(slot.token, slot, [1, 2])), '[\n  1,\n  2\n]\n');
});

test('emitReport: an unwritable --out is a one-line input error naming the file', async () => {
  const out = join(tempDir(), 'missing-dir', 'r.json');
  await assert.rejects(emitReport(sampleReport(), { format: 'json', out }, memoryIo()), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.oneLine, `${out}: cannot write the report (ENOENT)`);
    return true;
  });
});

test('emitReport streams chunked formats to stdout unchanged', async () => {
  const io = memoryIo();
  await emitReport(sampleReport(), { format: 'json' }, io);
  assert.equal(io.stdoutText(), renderJson(sampleReport()));
  assert.deepEqual(JSON.parse(io.stdoutText()).findings.map((f: { id: string }) => f.id), ALL.map((f) => f.id));
});

test('without --format the --out extension decides; stdout gets a table only on a terminal', () => {
  assert.equal(defaultFormat('r.HTML', false), 'html');
  assert.equal(defaultFormat('f.csv', true), 'csv');
  assert.equal(defaultFormat('scan.sarif', true), 'sarif');
  assert.equal(defaultFormat('findings.jsonl', true), 'jsonl');
  assert.equal(defaultFormat('findings.json', true), 'json');
  assert.equal(defaultFormat('out.data', true), 'json');
  assert.equal(defaultFormat(undefined, true), 'table');
  assert.equal(defaultFormat(undefined, false), 'json');
});
