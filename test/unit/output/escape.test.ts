import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, escapeHtml, jsonForScript, stripControl, terminalCell } from '../../../src/output/escape.ts';

test('terminal text: escape sequences, bells and bidi overrides become visible text', () => {
  assert.equal(stripControl('a\u001b[2Jb\u0007c\u009bd'), 'a\\x1b[2Jb\\x07c\\x9bd');
  assert.equal(stripControl('invoice\u202eexe.pdf'), 'invoice\\u202eexe.pdf');
  assert.equal(stripControl('line1\nline2\tx'), 'line1\nline2\tx');
  assert.equal(terminalCell('a\r\nb\tc\u001b]0;title\u0007'), 'a b c\\x1b]0;title\\x07');
});

test('HTML: the five special characters are escaped', () => {
  assert.equal(escapeHtml(`"><img src=x onerror='alert(1)'>&`), '&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;');
});

test('JSON for a script element cannot close the element and still parses to the same value', () => {
  const value = { ua: '</script><script>alert(1)</script>', amp: 'a&b', sep: 'x\u2028y' };
  const text = jsonForScript(value);
  assert.doesNotMatch(text, /<|>|&|\u2028/);
  assert.deepEqual(JSON.parse(text), value);
});

test('CSV: quoting per RFC 4180 and formula injection neutralised', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
  for (const lead of ['+', '-', '@', '\t', '\r']) assert.ok(csvField(`${lead}1`).replace(/^"/, '').startsWith("'"), lead);
});
