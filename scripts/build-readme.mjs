#!/usr/bin/env node
// README.md is assembled from docs/readme/*.md (one part per capability, in file-name order),
// so each capability documents itself in one place. The command reference part is generated
// from the CLI's own --help, so it cannot drift from the code.
// Run: node scripts/build-readme.mjs            (rebuild the reference, then README.md)
//      node scripts/build-readme.mjs --no-help  (README.md only)
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const vigil = (...args) => execFileSync(process.execPath, ['bin/vigil.js', ...args, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });

function commandsOf(helpText) {
  const section = helpText.split(/^Commands:$/m)[1] ?? '';
  return section.split('\n').map((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1]).filter((name) => name && name !== 'help');
}

if (!process.argv.includes('--no-help')) {
  const blocks = [];
  for (const command of commandsOf(vigil())) {
    const help = vigil(command);
    const subcommands = commandsOf(help);
    if (subcommands.length === 0) blocks.push({ name: command, help });
    for (const sub of subcommands) blocks.push({ name: `${command} ${sub}`, help: vigil(command, sub) });
  }
  const reference = ['## Command reference', '', 'Generated from `vigil <command> --help`.', ''];
  for (const block of blocks) reference.push(`<details><summary><code>vigil ${block.name}</code></summary>`, '', '```', block.help.trimEnd(), '```', '', '</details>', '');
  writeFileSync('docs/readme/95-reference.md', `${reference.join('\n').trimEnd()}\n`);
}

export function assemble() {
  const parts = readdirSync('docs/readme').filter((name) => name.endsWith('.md')).sort();
  return `${parts.map((name) => readFileSync(`docs/readme/${name}`, 'utf8').trim()).join('\n\n')}\n`;
}

writeFileSync('README.md', assemble());
console.log('README.md rebuilt');
