import { LIVE_AWS_OPTIONS, type CommandSpec } from '../spec.ts';

export const COLLECT: CommandSpec = {
  name: 'collect',
  summary: 'inventory live AWS accounts into a snapshot folder',
  options: [
    ...LIVE_AWS_OPTIONS,
    { flags: '--out <dir>', description: 'snapshot folder to write', default: 'snapshot' },
    { flags: '--services <list>', description: 'only these services (comma-separated SDK client names)' },
    { flags: '--gzip', description: 'write account files as .json.gz' },
    { flags: '--queue <redis-url>', description: 'run the collection units on `vigil worker` processes through this Redis' },
    { flags: '--print-policy', description: 'print the least-privilege read-only IAM policy collection needs, and exit' },
  ],
  load: () => import('../commands/collect.ts'),
  examples: ['vigil collect --regions all --out snap', 'vigil collect --org-role OrganizationAccountAccessRole --out snap', 'vigil collect --print-policy'],
};
