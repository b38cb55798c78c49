import type { CommandSpec } from '../spec.ts';

export const DETECT: CommandSpec = {
  name: 'detect',
  summary: 'threat detection over CloudTrail, VPC Flow Logs and Route 53 Resolver logs',
  args: '<paths...>',
  options: [
    { flags: '--intel <file...>', description: 'threat intelligence: IP/CIDR/domain lists, CSV, STIX 2.1' },
    { flags: '--rules <dir...>', description: 'load Sigma rules from these folders' },
    { flags: '--no-builtin', description: 'run only the rules given with --rules' },
    { flags: '--since <time>', description: 'ignore events before (ISO-8601 or 7d, 36h)' },
    { flags: '--until <time>', description: 'ignore events after' },
    { flags: '--state <file>', description: 'baseline state file, read and updated' },
    { flags: '--learning-days <n>', description: 'baseline learning period in days (default 7)' },
    { flags: '--workers <n>', description: 'threads (default: planned from cores, input size and --memory)' },
    { flags: '--memory <mb>', description: 'memory to plan the default thread count for (default: half of RAM or the container limit)' },
    { flags: '--store [path]', description: 'also write the findings to the findings store' },
  ],
  producesFindings: true,
  load: () => import('../commands/detect.ts'),
  examples: ['vigil detect ./AWSLogs --since 7d', 'vigil detect s3://trail-bucket/AWSLogs/ --intel bad-ips.txt --format json'],
};
