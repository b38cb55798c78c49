import { LIVE_AWS_OPTIONS, type CommandSpec } from '../spec.ts';

export const SCAN: CommandSpec = {
  name: 'scan',
  summary: 'posture checks over a snapshot (or live accounts)',
  options: [
    { flags: '--snapshot <dir>', description: 'snapshot folder (otherwise collect live first)' },
    ...LIVE_AWS_OPTIONS,
    { flags: '--framework <id>', description: 'only this framework; prints its score and failing controls' },
    { flags: '--checks <dir...>', description: 'also load custom checks from these folders' },
    { flags: '--suppressions <file>', description: 'YAML list of suppression rules' },
    { flags: '--store [path]', description: 'also write the results to the findings store' },
  ],
  producesFindings: true,
  load: () => import('../commands/scan.ts'),
  examples: ['vigil scan --snapshot snap', 'vigil scan --snapshot snap --framework cis-aws-5.0.0 --format json'],
};

export const CHECKS: CommandSpec = {
  name: 'checks',
  summary: 'list the posture checks with their metadata and compliance mappings',
  options: [
    { flags: '--framework <id>', description: 'only the checks of this framework' },
    { flags: '--checks <dir...>', description: 'also list custom checks from these folders' },
    { flags: '--format <format>', description: 'table or json', choices: ['table', 'json'] },
  ],
  load: () => import('../commands/checks.ts'),
};
