import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allFindingTypes, findingTypeInfo } from '../../../src/detect/catalog.ts';
import { BUILTIN_RULES_DIR, loadRules } from '../../../src/detect/index.ts';
import { renderedPlaybooks } from '../../../src/detect/playbooks.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('every built-in rule loads and names a catalogued finding type', () => {
  const set = loadRules([], true);
  assert.deepEqual(set.failed, []);
  assert.ok(set.rules.length >= 30);
  for (const rule of set.rules) {
    assert.ok(rule.file.startsWith(BUILTIN_RULES_DIR) || rule.file.includes('src/detect/rules/'), rule.file);
    const info = findingTypeInfo(rule.type);
    assert.ok(info, `${rule.file}: type ${rule.type} is not in the catalog`);
    assert.ok(rule.techniques.length > 0, `${rule.file}: no attack.tXXXX tag`);
    for (const t of rule.techniques) assert.ok(info.techniques.includes(t), `${rule.file}: ${t} missing from the catalog entry of ${rule.type}`);
  }
});

test('every finding type has a committed playbook equal to its rendering', () => {
  const stale: string[] = [];
  for (const [path, text] of renderedPlaybooks()) {
    const file = `${ROOT}${path}`;
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(path);
  }
  assert.deepEqual(stale, [], 'regenerate with: node --import tsx src/detect/playbooks.ts');
});

test('catalog entries carry severity, techniques and response text', () => {
  for (const info of allFindingTypes()) {
    assert.match(info.type, /^[A-Za-z]+:[A-Za-z0-9]+\/[A-Za-z0-9.&!]+$/, info.type);
    assert.ok(info.techniques.every((t) => /^T\d{4}(\.\d{3})?$/.test(t)), info.type);
    for (const field of ['looksAt', 'why', 'tune', 'contain', 'recover'] as const) assert.ok(info[field].length > 10, `${info.type}.${field}`);
  }
});
