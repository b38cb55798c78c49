import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTPUT_FORMATS } from '../../../src/cli/spec.ts';
import { memoryIo } from '../../../src/cli/io.ts';
import { emitReport } from '../../../src/output/index.ts';
import { ALL, sampleReport } from './fixtures/findings.ts';

test('every --format renders through emitReport, and no machine-readable format loses a finding', async () => {
  for (const format of OUTPUT_FORMATS) {
    const io = memoryIo();
    assert.equal(await emitReport(sampleReport(), { format }, io), 0, format);
    const text = io.stdoutText();
    assert.ok(text.length > 0, format);
    if (format === 'table' || format === 'html') continue;
    // each finding's stable id appears in the output (ASFF, SARIF, OCSF carry it too)
    for (const finding of ALL) assert.ok(text.includes(finding.id), `${format} lacks ${finding.id}`);
  }
});

test('an empty report is valid in every format', async () => {
  for (const format of OUTPUT_FORMATS) {
    const io = memoryIo();
    await emitReport(sampleReport([]), { format }, io);
    if (['json', 'sarif', 'asff', 'ocsf'].includes(format)) JSON.parse(io.stdoutText());
  }
});

