import type { CommandSpec } from '../spec.ts';

export const TRAIL: CommandSpec = {
  name: 'trail',
  summary: 'CloudTrail: integrity validation, SQL over logs, Athena DDL',
  subcommands: [
    {
      name: 'validate',
      summary: 'validate CloudTrail log-file integrity (digest chain, signatures, hashes)',
      args: '[dir]',
      options: [
        { flags: '--bucket <name>', description: 'S3 bucket holding the trail logs and digests' },
        { flags: '--prefix <prefix>', description: 'S3 key prefix of the trail' },
        { flags: '--account-id <id>', description: 'account whose logs to validate (organization trails)' },
        { flags: '--trail-arn <arn>', description: 'the trail (its home region and name locate the digests)' },
        { flags: '--public-keys <file>', description: 'CloudTrail ListPublicKeys response (offline validation)' },
        { flags: '--start-time <time>', description: 'validate logs delivered from this time' },
        { flags: '--end-time <time>', description: 'validate logs delivered until this time' },
        { flags: '--regions <list>', description: 'only these regions' },
      ],
      producesFindings: true,
      load: () => import('../commands/trail-validate.ts'),
    },
    {
      name: 'fetch',
      summary: 'copy a trail\'s logs and digests from S3 to a folder, with the metadata validation needs',
      options: [
        { flags: '--bucket <name>', description: 'S3 bucket' },
        { flags: '--prefix <prefix>', description: 'S3 key prefix' },
        { flags: '--to <dir>', description: 'destination folder' },
      ],
      load: () => import('../commands/trail-fetch.ts'),
    },
    {
      name: 'query',
      summary: 'SQL over CloudTrail files with DuckDB (an Athena-compatible `cloudtrail` table)',
      args: '<sql> <paths...>',
      options: [
        { flags: '--format <format>', description: 'table, json or csv', choices: ['table', 'json', 'csv'] },
        { flags: '--out <file>', description: 'write the result to FILE' },
        { flags: '--since <time>', description: 'only events at or after this time (ISO-8601 or 7d, 36h)' },
        { flags: '--until <time>', description: 'only events at or before this time' },
      ],
      load: () => import('../commands/trail-query.ts'),
    },
    {
      name: 'ingest',
      summary: 'convert CloudTrail logs to partitioned Parquet for fast repeated queries',
      args: '<paths...>',
      options: [
        { flags: '--to <dir>', description: 'destination folder (account=/region=/date=/ Parquet; new runs append)' },
        { flags: '--since <time>', description: 'only events at or after this time' },
        { flags: '--until <time>', description: 'only events at or before this time' },
      ],
      load: () => import('../commands/trail-ingest.ts'),
    },
    {
      name: 'athena-ddl',
      summary: 'print Athena CREATE TABLE statements with partition projection',
      options: [
        { flags: '--bucket <name>', description: 'bucket of the trail or flow logs' },
        { flags: '--prefix <prefix>', description: 'key prefix' },
        { flags: '--org-id <id>', description: 'organization id (organization trail layout)' },
        { flags: '--table <name>', description: 'table name' },
        { flags: '--kind <kind>', description: 'cloudtrail or vpcflow', choices: ['cloudtrail', 'vpcflow'] },
        { flags: '--accounts <ids>', description: 'accounts to enumerate (default: an injected account partition that queries name)' },
        { flags: '--regions <list>', description: 'regions to enumerate (default: all commercial regions)' },
        { flags: '--since <yyyy/MM/dd>', description: 'first day of the projected date range (default 2020/01/01)' },
      ],
      load: () => import('../commands/trail-athena-ddl.ts'),
    },
  ],
};
