#!/usr/bin/env node
// README.md is assembled from docs/readme/*.md (one part per capability, in file-name order),
// so each capability documents itself in one place. Run: node scripts/build-readme.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const parts = readdirSync('docs/readme').filter((name) => name.endsWith('.md')).sort();
const text = parts.map((name) => readFileSync(`docs/readme/${name}`, 'utf8').trim()).join('\n\n');
writeFileSync('README.md', `${text}\n`);
console.log(`README.md: ${parts.length} parts`);
