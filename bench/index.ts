/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line).
 * Each bench measures its own baseline in the same run and prints ratios against it.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))
  .sort();

for (const name of benches) {
  console.log(`\n== ${name.replace('.bench.ts', '')}`);
  const started = Date.now();
  const module = (await import(join(here, name))) as { default: () => Promise<void> };
  await module.default();
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
