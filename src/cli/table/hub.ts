import type { CommandSpec } from '../spec.ts';

const STORE = { flags: '--store <path>', description: 'SQLite file or postgres:// URL (default ~/.vigil/vigil.db)' };

export const FINDINGS: CommandSpec = {
  name: 'findings',
  summary: 'the findings store: list, show, update, diff, import, export',
  subcommands: [
    {
      name: 'list',
      summary: 'list stored findings',
      options: [
        STORE,
        { flags: '--severity <list>', description: 'severities (comma-separated) or a minimum like HIGH+' },
        { flags: '--source <list>', description: 'sources' },
        { flags: '--account <list>', description: 'accounts' },
        { flags: '--type <glob>', description: 'finding type or check id (glob)' },
        { flags: '--status <list>', description: 'PASS, FAIL, ERROR, … (posture and access results)' },
        { flags: '--workflow <list>', description: 'NEW, NOTIFIED, RESOLVED, SUPPRESSED' },
        { flags: '--since <time>', description: 'last seen at or after' },
        { flags: '--limit <n>', description: 'at most N findings' },
      ],
      producesFindings: true,
      load: () => import('../commands/findings-list.ts'),
    },
    { name: 'show', summary: 'one finding with its history and playbook', args: '<id>', options: [STORE], load: () => import('../commands/findings-show.ts') },
    {
      name: 'update',
      summary: 'change the workflow state of findings',
      args: '<ids...>',
      options: [STORE, { flags: '--workflow <state>', description: 'NEW, NOTIFIED, RESOLVED or SUPPRESSED' }, { flags: '--note <text>', description: 'why' }, { flags: '--by <who>', description: 'who' }],
      load: () => import('../commands/findings-update.ts'),
    },
    { name: 'diff', summary: 'new, resolved and still-open findings between two scans', args: '[from] [to]', options: [STORE], producesFindings: true, load: () => import('../commands/findings-diff.ts') },
    { name: 'trends', summary: 'open findings over time', options: [STORE, { flags: '--days <n>', description: 'window', default: '30' }], load: () => import('../commands/findings-trends.ts') },
    {
      name: 'import',
      summary: 'import findings from GuardDuty, Security Hub, Access Analyzer and Inspector',
      options: [STORE, { flags: '--from <list>', description: 'guardduty,securityhub,accessanalyzer,inspector' }, { flags: '--regions <list>', description: 'regions' }, { flags: '--file <file>', description: 'import from a saved API response instead of live' }],
      load: () => import('../commands/findings-import.ts'),
    },
    {
      name: 'export',
      summary: 'export stored findings (ASFF to Security Hub with --to securityhub)',
      options: [
        STORE,
        { flags: '--to <target>', description: 'securityhub (BatchImportFindings); otherwise --format/--out' },
        { flags: '--severity <list>', description: 'severities or a minimum like HIGH+' },
        { flags: '--source <list>', description: 'sources' },
        { flags: '--workflow <list>', description: 'workflow states', default: 'NEW,NOTIFIED' },
        { flags: '--type <glob>', description: 'finding type or check id (glob)' },
      ],
      producesFindings: true,
      load: () => import('../commands/findings-export.ts'),
    },
  ],
};

export const NOTIFY: CommandSpec = {
  name: 'notify',
  summary: 'notifications: Slack, webhooks, SNS',
  subcommands: [
    { name: 'test', summary: 'send a sample finding to each destination', options: [STORE], load: () => import('../commands/notify-test.ts') },
    {
      name: 'run',
      summary: 'deliver pending notifications from the outbox',
      options: [STORE, { flags: '--lease-seconds <n>', description: 'how long a claimed message waits before another run may retry it', default: '60' }, { flags: '--format <format>', description: 'table or json', choices: ['table', 'json'] }],
      load: () => import('../commands/notify-run.ts'),
    },
  ],
};

export const SERVE: CommandSpec = {
  name: 'serve',
  summary: 'the local web dashboard',
  options: [
    STORE,
    { flags: '--host <host>', description: 'address to bind', default: '127.0.0.1' },
    { flags: '--port <port>', description: 'port (0: any free port)', default: '8080' },
  ],
  load: () => import('../commands/serve.ts'),
  examples: ['vigil serve', 'VIGIL_SERVE_TOKEN=$(openssl rand -hex 16) vigil serve --host 0.0.0.0 --port 8443'],
};

export const WATCH: CommandSpec = {
  name: 'watch',
  summary: 'continuous mode: collect, scan and detect on a schedule',
  options: [
    STORE,
    { flags: '--interval <minutes>', description: 'minutes between rounds', default: '60' },
    { flags: '--once', description: 'run one round and exit (for cron)' },
    { flags: '--snapshot <dir>', description: 're-scan this snapshot instead of collecting live' },
    { flags: '--logs <paths...>', description: 'log sources to detect over (files, folders, s3://)' },
    { flags: '--state <file>', description: 'detection baseline state file' },
    { flags: '--quiet-days <n>', description: 'resolve detections after N days without activity', default: '7' },
    { flags: '--regions <list>', description: 'regions to collect: "all" or r1,r2' },
    { flags: '--org-role <name>', description: 'role to assume in each member account' },
    { flags: '--external-id <id>', description: 'external id for the member-account role' },
  ],
  load: () => import('../commands/watch.ts'),
  examples: ['vigil watch --org-role OrganizationAccountAccessRole --logs s3://org-trail/AWSLogs/ --state /var/lib/vigil/baseline.json', 'vigil watch --once --snapshot snap --store /tmp/v.db'],
};

export const WORKER: CommandSpec = {
  name: 'worker',
  summary: 'scale-out worker: run collection and detection jobs from Redis (BullMQ)',
  options: [{ flags: '--redis <url>', description: 'Redis URL (default $VIGIL_REDIS_URL or redis://127.0.0.1:6379)' }, { flags: '--concurrency <n>', description: 'units run at once', default: '2' }],
  load: () => import('../commands/worker.ts'),
};
