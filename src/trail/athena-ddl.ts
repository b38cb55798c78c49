import { InputError } from '../core/errors.ts';
import { CLOUDTRAIL_COLUMNS, DEFAULT_REGIONS, hiveType } from './schema.ts';

/**
 * Athena CREATE TABLE statements with partition projection, so that new days, accounts and
 * regions are queryable without any ALTER TABLE ADD PARTITION job. The S3 location template
 * follows the layout CloudTrail and VPC Flow Logs write (organization trails add the org id).
 * https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html
 */

export interface DdlOptions {
  kind: 'cloudtrail' | 'vpcflow';
  bucket: string;
  prefix?: string;
  orgId?: string;
  table?: string;
  /** Accounts to enumerate; without them the account partition is injected (queries must name it). */
  accounts?: string[];
  regions?: string[];
  /** First day of the date range (yyyy/MM/dd). */
  since?: string;
}

function validate(options: DdlOptions): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new InputError(`--bucket: "${options.bucket}" is not a valid S3 bucket name`);
  if (options.prefix && !/^[A-Za-z0-9!_.*()/-]*$/.test(options.prefix)) throw new InputError(`--prefix: "${options.prefix}" has characters that cannot appear in the S3 location`);
  if (options.orgId && !/^o-[a-z0-9]{10,32}$/.test(options.orgId)) throw new InputError(`--org-id: "${options.orgId}" is not an organization id (o-xxxxxxxxxx)`);
  for (const account of options.accounts ?? []) if (!/^\d{12}$/.test(account)) throw new InputError(`--accounts: "${account}" is not a 12-digit account id`);
  for (const region of options.regions ?? []) if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError(`--regions: "${region}" is not a region name`);
  if (options.table && !/^[a-z_][a-z0-9_]*$/.test(options.table)) throw new InputError(`--table: "${options.table}" must be lower-case letters, digits and _`);
  if (options.since && !/^\d{4}\/\d{2}\/\d{2}$/.test(options.since)) throw new InputError(`--since: "${options.since}" must be yyyy/MM/dd`);
}

/** `s3://bucket/prefix/AWSLogs/[o-org/]` — the part of every location before the account. */
export function awsLogsRoot(bucket: string, prefix: string | undefined, orgId: string | undefined): string {
  const cleaned = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  return `s3://${bucket}/${cleaned ? `${cleaned}/` : ''}AWSLogs/${orgId ? `${orgId}/` : ''}`;
}

function accountProjection(column: string, accounts: string[] | undefined): string[] {
  return accounts?.length
    ? [`  'projection.${column}.type' = 'enum',`, `  'projection.${column}.values' = '${accounts.join(',')}',`]
    : [`  'projection.${column}.type' = 'injected',`];
}

export function athenaDdl(options: DdlOptions): string {
  validate(options);
  const root = awsLogsRoot(options.bucket, options.prefix, options.orgId);
  const regions = (options.regions?.length ? options.regions : DEFAULT_REGIONS).join(',');
  const since = options.since ?? '2020/01/01';
  if (options.kind === 'vpcflow') return vpcFlowDdl(options.table ?? 'vpc_flow_logs', root, options.accounts, regions, since);
  const table = options.table ?? 'cloudtrail_logs';
  const columns = CLOUDTRAIL_COLUMNS.map((c) => `    ${c.name} ${hiveType(c.type)}`).join(',\n');
  return [
    `CREATE EXTERNAL TABLE ${table} (`,
    columns,
    ')',
    'PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)',
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION '${root}'`,
    'TBLPROPERTIES (',
    "  'projection.enabled' = 'true',",
    ...accountProjection('account', options.accounts),
    "  'projection.region.type' = 'enum',",
    `  'projection.region.values' = '${regions}',`,
    "  'projection.timestamp.type' = 'date',",
    "  'projection.timestamp.format' = 'yyyy/MM/dd',",
    `  'projection.timestamp.range' = '${since},NOW',`,
    "  'projection.timestamp.interval' = '1',",
    "  'projection.timestamp.interval.unit' = 'DAYS',",
    `  'storage.location.template' = '${root}\${account}/CloudTrail/\${region}/\${timestamp}'`,
    ');',
    '',
  ].join('\n');
}

/** Columns of the flow log record in AWS's order (versions 2–5), with their Athena types. */
const FLOW_COLUMNS: Array<[string, string]> = [
  ['version', 'INT'], ['account_id', 'STRING'], ['interface_id', 'STRING'], ['srcaddr', 'STRING'], ['dstaddr', 'STRING'],
  ['srcport', 'INT'], ['dstport', 'INT'], ['protocol', 'BIGINT'], ['packets', 'BIGINT'], ['bytes', 'BIGINT'],
  ['start', 'BIGINT'], ['`end`', 'BIGINT'], ['action', 'STRING'], ['log_status', 'STRING'],
  ['vpc_id', 'STRING'], ['subnet_id', 'STRING'], ['instance_id', 'STRING'], ['tcp_flags', 'INT'], ['type', 'STRING'],
  ['pkt_srcaddr', 'STRING'], ['pkt_dstaddr', 'STRING'], ['region', 'STRING'], ['az_id', 'STRING'],
  ['sublocation_type', 'STRING'], ['sublocation_id', 'STRING'], ['pkt_src_aws_service', 'STRING'], ['pkt_dst_aws_service', 'STRING'],
  ['flow_direction', 'STRING'], ['traffic_path', 'INT'],
];

function vpcFlowDdl(table: string, root: string, accounts: string[] | undefined, regions: string, since: string): string {
  return [
    `CREATE EXTERNAL TABLE ${table} (`,
    FLOW_COLUMNS.map(([name, type]) => `    ${name} ${type}`).join(',\n'),
    ')',
    // `region` is also a record field, so the partition columns take other names.
    'PARTITIONED BY (accid STRING, awsregion STRING, day STRING)',
    "ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '",
    `LOCATION '${root}'`,
    'TBLPROPERTIES (',
    "  'skip.header.line.count' = '1',",
    "  'projection.enabled' = 'true',",
    ...accountProjection('accid', accounts),
    "  'projection.awsregion.type' = 'enum',",
    `  'projection.awsregion.values' = '${regions}',`,
    "  'projection.day.type' = 'date',",
    "  'projection.day.format' = 'yyyy/MM/dd',",
    `  'projection.day.range' = '${since},NOW',`,
    "  'projection.day.interval' = '1',",
    "  'projection.day.interval.unit' = 'DAYS',",
    `  'storage.location.template' = '${root}\${accid}/vpcflowlogs/\${awsregion}/\${day}'`,
    ');',
    '',
  ].join('\n');
}
