import type { CommandSpec } from '../spec.ts';

export const IAM: CommandSpec = {
  name: 'iam',
  summary: 'IAM Access Analyzer, self-hosted: validate, simulate, external access, unused access, escalation paths',
  subcommands: [
    {
      name: 'validate',
      summary: 'check a policy the way Access Analyzer ValidatePolicy does',
      args: '[file]',
      options: [
        { flags: '--policy-type <type>', description: 'IDENTITY_POLICY, RESOURCE_POLICY or SERVICE_CONTROL_POLICY', choices: ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] },
        { flags: '--resource-type <type>', description: 'for resource policies, e.g. AWS::S3::Bucket' },
        { flags: '--snapshot <dir>', description: 'validate every policy in a snapshot' },
      ],
      producesFindings: true,
      load: () => import('../commands/iam-validate.ts'),
    },
    {
      name: 'simulate',
      summary: 'decide whether requests are allowed (SimulateCustomPolicy input, extended)',
      options: [
        { flags: '--input <file>', description: 'request and policies (Contract 5)' },
        { flags: '--format <format>', description: 'json or table', choices: ['json', 'table'] },
      ],
      load: () => import('../commands/iam-simulate.ts'),
    },
    {
      name: 'access',
      summary: 'external and public access to resources in a snapshot',
      options: [{ flags: '--snapshot <dir>', description: 'snapshot folder' }, { flags: '--store [path]', description: 'also write the findings to the findings store' }],
      producesFindings: true,
      load: () => import('../commands/iam-access.ts'),
    },
    {
      name: 'check-no-public-access',
      summary: 'does this resource policy grant public access?',
      args: '<file>',
      options: [{ flags: '--resource-type <type>', description: 'e.g. AWS::S3::Bucket' }],
      producesFindings: true,
      load: () => import('../commands/iam-check-no-public-access.ts'),
    },
    {
      name: 'check-access-not-granted',
      summary: 'does this policy grant any of these actions (on these resources)?',
      args: '<file>',
      options: [
        { flags: '--action <actions...>', description: 'actions that must not be granted' },
        { flags: '--resource <arns...>', description: 'resources they must not be granted on' },
        { flags: '--policy-type <type>', description: 'IDENTITY_POLICY or RESOURCE_POLICY', default: 'IDENTITY_POLICY' },
      ],
      producesFindings: true,
      load: () => import('../commands/iam-check-access-not-granted.ts'),
    },
    {
      name: 'unused',
      summary: 'unused roles, passwords, access keys and permissions',
      options: [
        { flags: '--snapshot <dir>', description: 'snapshot folder' },
        { flags: '--days <n>', description: 'unused window in days', default: '90' },
        { flags: '--trail <paths...>', description: 'CloudTrail logs to refine last use' },
      ],
      producesFindings: true,
      load: () => import('../commands/iam-unused.ts'),
    },
    {
      name: 'generate',
      summary: "least-privilege policy from a principal's CloudTrail activity",
      args: '<paths...>',
      options: [{ flags: '--principal <arn>', description: 'the user or role' }],
      load: () => import('../commands/iam-generate.ts'),
    },
    {
      name: 'paths',
      summary: 'privilege-escalation paths to administrator',
      options: [{ flags: '--snapshot <dir>', description: 'snapshot folder' }],
      producesFindings: true,
      load: () => import('../commands/iam-paths.ts'),
    },
  ],
};
