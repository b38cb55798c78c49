/**
 * The folder layouts AWS writes logs in, read from an S3 key prefix, so that a listing can skip
 * whole folders outside the wanted accounts, regions and time window:
 *   AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/…          (also CloudTrail-Insight)
 *   AWSLogs/[o-org/]<account>/vpcflowlogs/<region>/YYYY/MM/DD/[HH/]…
 *   AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/YYYY/MM/DD/…
 *   AWSLogs/aws-account-id=<a>/aws-service=vpcflowlogs/aws-region=<r>/year=/month=/day=/[hour=/]…  (Hive-style)
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */

export interface LayoutFilter {
  since?: Date;
  until?: Date;
  accounts?: string[];
  regions?: string[];
}

/** What the segments of a prefix say, as far as they go. */
export interface LayoutPosition {
  inAwsLogs: boolean;
  account?: string;
  service?: string;
  region?: string;
  year?: number;
  month?: number;
  day?: number;
}

/** Services under AWSLogs/<account>/ whose files are log records Vigil reads. */
const LOG_SERVICES = new Set(['CloudTrail', 'CloudTrail-Insight', 'vpcflowlogs', 'vpcdnsquerylogs']);
const REGIONAL_SERVICES = new Set(['CloudTrail', 'CloudTrail-Insight', 'CloudTrail-Digest', 'vpcflowlogs']);

/**
 * Events are written to the folder of the day their file is delivered, which is never before
 * the event and, for late deliveries, can be later: a folder is kept when its day is not before
 * `since`'s day and not more than this margin after `until`.
 */
export const LATE_DELIVERY_MARGIN_MS = 24 * 3_600_000;

export function layoutPosition(prefix: string): LayoutPosition {
  const segments = prefix.split('/').filter((s) => s !== '');
  const position: LayoutPosition = { inAwsLogs: false };
  const at = segments.lastIndexOf('AWSLogs');
  if (at < 0) return position;
  position.inAwsLogs = true;
  const rest = segments.slice(at + 1);
  if (rest.some((s) => s.includes('='))) return hivePosition(rest, position);
  let i = 0;
  if (rest[i] !== undefined && /^o-[a-z0-9]{10,32}$/.test(rest[i] as string)) i++;
  if (rest[i] === undefined) return position;
  position.account = rest[i++];
  if (rest[i] === undefined) return position;
  position.service = rest[i++];
  if (rest[i] === undefined) return position;
  const locator = rest[i++] as string; // region, or the VPC id for Resolver query logs
  if (REGIONAL_SERVICES.has(position.service as string)) position.region = locator;
  const [year, month, day] = rest.slice(i, i + 3).map(Number);
  if (year !== undefined && Number.isInteger(year)) position.year = year;
  if (position.year !== undefined && month !== undefined && Number.isInteger(month)) position.month = month;
  if (position.month !== undefined && day !== undefined && Number.isInteger(day)) position.day = day;
  return position;
}

function hivePosition(segments: string[], position: LayoutPosition): LayoutPosition {
  for (const segment of segments) {
    const [key, value] = segment.split('=', 2) as [string, string | undefined];
    if (value === undefined) continue;
    if (key === 'aws-account-id') position.account = value;
    else if (key === 'aws-service') position.service = value;
    else if (key === 'aws-region') position.region = value;
    else if (key === 'year') position.year = Number(value);
    else if (key === 'month') position.month = Number(value);
    else if (key === 'day') position.day = Number(value);
  }
  return position;
}

/** Whether the folder at `prefix` can hold wanted log files. Unknown layouts are always kept. */
export function keepFolder(prefix: string, filter: LayoutFilter): boolean {
  const p = layoutPosition(prefix);
  if (!p.inAwsLogs) return true;
  if (p.account !== undefined && /^\d{12}$/.test(p.account) && filter.accounts?.length && !filter.accounts.includes(p.account)) return false;
  if (p.service !== undefined && p.account !== undefined && !LOG_SERVICES.has(p.service)) return false;
  if (p.region !== undefined && filter.regions?.length && !filter.regions.includes(p.region)) return false;
  if (p.year === undefined) return true;
  const from = Date.UTC(p.year, (p.month ?? 1) - 1, p.day ?? 1);
  const to = p.day !== undefined ? Date.UTC(p.year, (p.month as number) - 1, p.day + 1) : p.month !== undefined ? Date.UTC(p.year, p.month, 1) : Date.UTC(p.year + 1, 0, 1);
  if (Number.isNaN(from) || Number.isNaN(to)) return true;
  if (filter.since && to <= startOfDay(filter.since)) return false;
  if (filter.until && from > filter.until.getTime() + LATE_DELIVERY_MARGIN_MS) return false;
  return true;
}

/** Whether the prefix is at day level (or deeper), where listing everything beneath is cheapest. */
export function isDayFolder(prefix: string): boolean {
  return layoutPosition(prefix).day !== undefined;
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
