import type { CommandInput } from '../spec.ts';
import { FindingsStore } from '../../hub/index.ts';
import { SEVERITIES } from '../../core/severity.ts';

/** Open problems by severity at each recorded scan in the window. */
export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const points = await store.trends(Number(options.days ?? 30));
    if (options.format === 'json') {
      io.out(JSON.stringify({ trends: points }, null, 2));
      return 0;
    }
    const severities = [...SEVERITIES].reverse();
    io.out(['SCAN', 'AT'.padEnd(24), 'COMMAND'.padEnd(16), 'OPEN', ...severities].join('  '));
    for (const p of points) {
      io.out([String(p.scanId).padStart(4), p.at.padEnd(24), p.command.padEnd(16), String(p.open.open ?? 0).padStart(4), ...severities.map((s) => String(p.open[`open${s}`] ?? 0).padStart(s.length))].join('  '));
    }
    return 0;
  } finally {
    await store.close();
  }
}
