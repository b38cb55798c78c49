#!/usr/bin/env node
// Rewrites the PINNED table of frameworks.test.ts from src/posture/frameworks/*.json.
// Run it when a framework mapping changes on purpose, and commit both together:
//   node test/unit/posture/pin-frameworks.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const frameworksDir = join(here, '../../../src/posture/frameworks');
const lines = [];
for (const name of readdirSync(frameworksDir).filter((n) => n.endsWith('.json')).sort()) {
  const framework = JSON.parse(readFileSync(join(frameworksDir, name), 'utf8'));
  lines.push(`  '${framework.id}': {`);
  for (const control of framework.controls) lines.push(`    '${control.id}': ${JSON.stringify(control.checks)},`);
  lines.push('  },');
}
const testFile = join(here, 'frameworks.test.ts');
const text = readFileSync(testFile, 'utf8');
const start = text.indexOf('const PINNED');
const end = text.indexOf('\n};\n', start);
const updated = `${text.slice(0, start)}const PINNED: Record<string, Record<string, string[]>> = {\n${lines.join('\n')}${text.slice(end)}`;
writeFileSync(testFile, updated);
process.stdout.write(`pinned ${lines.filter((l) => l.startsWith("  '")).length} frameworks\n`);
