import type { CommandSpec } from '../spec.ts';

export const DEMO: CommandSpec = {
  name: 'demo',
  summary: 'run the whole pipeline on the built-in demo organization',
  options: [
    { flags: '--out <dir>', description: 'where to write the demo snapshot, logs, findings and report', default: 'vigil-demo' },
    { flags: '--seed <n>', description: 'generator seed (the same seed gives the same organization)', default: '42' },
  ],
  load: () => import('../commands/demo.ts'),
  examples: ['vigil demo', 'vigil demo --out /tmp/demo'],
};
