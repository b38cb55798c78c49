import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, summaryText } from '../../../src/output/table.ts';
import { summarize } from '../../../src/output/summary.ts';
import { ALL, sampleReport, TRAIL_STOPPED } from './fixtures/findings.ts';

test('problems are listed worst first, passes folded per check, and a summary line closes the table', () => {
  const text = renderTable(sampleReport(), { color: false, width: 200 });
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0]!, /^STATUS\s+SEVERITY\s+TYPE\s+ACCOUNT\s+REGION\s+RESOURCE\s+TITLE$/);
  assert.match(lines[1]!, /^FAIL\s+CRITICAL\s+iam-root-access-key/);
  assert.match(lines[2]!, /^FAIL\s+HIGH\s+s3-bucket-public-access/);
  assert.ok(!/^PASS/m.test(text), 'a PASS is not a table row');
  assert.match(text, /^ {2}guardduty-enabled\s+PASS 1$/m);
  assert.equal(lines.at(-1), '5 results: FINDING 1, FAIL 2, ERROR 1, PASS 1 | 4 problems: CRITICAL 1, HIGH 2, MEDIUM 1');
});

test('rows fit the terminal width, ARNs keep their end', () => {
  const text = renderTable(sampleReport(), { color: false, width: 110 });
  const rows = text.split('\n').slice(0, 5);
  for (const row of rows) assert.ok(row.length <= 110, `${row.length}: ${row}`);
  assert.match(text, /…\d+:root/);
});

test('no escape sequence from attacker text reaches the terminal; colour only when allowed', () => {
  const evil = { ...TRAIL_STOPPED, title: 'stopped \u001b[2J\u001b]8;;http://evil\u0007click\u001b]8;;\u0007', resource: { ...TRAIL_STOPPED.resource, name: 'al\u202eice\r\nFAIL CRITICAL fake' } };
  const plain = renderTable(sampleReport([evil]), { color: false, width: 300 });
  for (const raw of ['\u001b', '\u0007', '\u202e']) assert.ok(!plain.includes(raw), JSON.stringify(raw));
  assert.match(plain, /\\x1b\[2J/);
  assert.equal(plain.split('\n').filter((l) => l.includes('fake')).length, 1, 'a newline in a name cannot forge a row');
  const colored = renderTable(sampleReport([evil]), { color: true, width: 300 });
  assert.ok(colored.includes('\u001b[33mMEDIUM  \u001b[0m'), 'the severity cell is coloured');
  assert.equal(colored.split('\u001b').length - 1, 2, 'only the severity colour and its reset');
});

test('an empty report says so', () => {
  assert.match(renderTable(sampleReport([]), { color: false }), /No findings\.\n\n0 results: none \| 0 problems\n$/);
});

test('summaryText lists severities, sources, statuses and the top failing controls', () => {
  const text = summaryText(summarize(ALL));
  assert.equal(
    text,
    [
      'Problems by severity: CRITICAL 1 · HIGH 2 · MEDIUM 1 · LOW 0 · INFORMATIONAL 0',
      'Problems by source:   posture 3 · detection 1',
      'Results by status:    FINDING 1 · FAIL 2 · ERROR 1 · PASS 1',
      'Top failing controls:',
      '     1  CRITICAL  cis-aws-5.0.0 1.3    Root account has an active access key',
      '     1  HIGH      cis-aws-5.0.0 2.1.4  Bucket <script>alert(1)</script> allows public access',
      '',
    ].join('\n'),
  );
});
