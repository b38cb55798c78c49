import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_COLUMNS, renderCsv } from '../../../src/output/csv.ts';
import { ALL, PUBLIC_BUCKET, sampleReport } from './fixtures/findings.ts';

/** A strict RFC 4180 reader, so the test checks the format rather than trusting the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    if (text[i] === '"') {
      // the closing quote is the first one not doubled
      let end = i + 1;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      if (end >= text.length) throw new Error('unterminated quote');
      field += text.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
    } else if (text[i] === ',') {
      endField();
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      endField();
      rows.push(row);
      row = [];
      i += 2;
    } else if (text[i] === '\n' || text[i] === '"') {
      throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
    } else {
      field += text[i];
      i += 1;
    }
  }
  assert.equal(field + row.join(''), '', 'file ends with CRLF');
  return rows;
}

test('csv has the fixed header and one CRLF-terminated record per finding', () => {
  const rows = parseCsv(renderCsv(sampleReport()));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, ALL.length + 1);
  for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
  const root = rows.find((r) => r[2] === 'iam-root-access-key')!;
  assert.equal(root[CSV_COLUMNS.indexOf('compliance')], 'cis-aws-5.0.0:1.3 aws-fsbp:IAM.4 aws-config-rules:iam-root-access-key-check');
});

test('quotes, commas, newlines survive and formulas are defused', () => {
  const evil = { ...PUBLIC_BUCKET, title: '=cmd|" /C calc"!A0', description: 'line1\r\nline2, "quoted"', resource: { type: 'AWS::S3::Bucket', id: '@SUM(1+1)' } };
  const rows = parseCsv(renderCsv(sampleReport([evil])));
  const record = rows[1]!;
  assert.equal(record[CSV_COLUMNS.indexOf('title')], `'=cmd|" /C calc"!A0`);
  assert.equal(record[CSV_COLUMNS.indexOf('description')], 'line1\r\nline2, "quoted"');
  assert.equal(record[CSV_COLUMNS.indexOf('resource_id')], `'@SUM(1+1)`);
  assert.deepEqual(JSON.parse(record[CSV_COLUMNS.indexOf('evidence')]!), evil.evidence);
});
