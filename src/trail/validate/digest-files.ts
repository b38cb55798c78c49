/**
 * CloudTrail digest files: where they live, what their names say, and what they contain.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 *
 *   [prefix/]AWSLogs/[o-org/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
 *     <account>_CloudTrail-Digest_<region>_<trail-name>_<home-region>_<YYYYMMDDTHHmmssZ>[_backfill].json.gz
 */

export interface DigestName {
  key: string;
  account: string;
  /** The region whose logs the digest covers. */
  region: string;
  trailName: string;
  /** The trail's home region: where its signing keys come from. */
  homeRegion: string;
  /** The digest end time from the name (ms). */
  time: number;
  /** `YYYYMMDDTHHmmssZ` as written. */
  stamp: string;
  backfill: boolean;
}

const DIGEST_NAME = /(?:^|\/)(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z]{2}(?:-[a-z]+)+-\d+)_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$/;

export function parseDigestName(key: string): DigestName | undefined {
  const match = DIGEST_NAME.exec(key);
  if (!match) return undefined;
  const stamp = match[5] as string;
  const time = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(9, 11), +stamp.slice(11, 13), +stamp.slice(13, 15));
  return { key, account: match[1] as string, region: match[2] as string, trailName: match[3] as string, homeRegion: match[4] as string, time, stamp, backfill: Boolean(match[6]) };
}

/** The fields validation reads from a digest file. */
export interface DigestContent {
  awsAccountId?: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm?: string;
  newestEventTime?: string | null;
  oldestEventTime?: string | null;
  previousDigestS3Bucket?: string | null;
  previousDigestS3Object?: string | null;
  previousDigestHashValue?: string | null;
  previousDigestHashAlgorithm?: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogFile[];
}

export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  hashAlgorithm?: string;
  newestEventTime?: string;
  oldestEventTime?: string;
}

/** Fields a digest must have before it can be checked (as the AWS CLI requires). */
export const REQUIRED_DIGEST_FIELDS = ['digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'previousDigestSignature', 'digestEndTime', 'digestStartTime'] as const;

export function isDigestContent(value: unknown): value is DigestContent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return REQUIRED_DIGEST_FIELDS.every((field) => field in record) && (record.logFiles === undefined || Array.isArray(record.logFiles));
}

/** `2015-08-17T15:01:31Z` → `20150817T150131Z`, the stamp in digest names. */
export function digestStamp(time: Date): string {
  return time.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function ymd(time: Date): string {
  return time.toISOString().slice(0, 10).replace(/-/g, '/');
}

/** `prefix/AWSLogs/[org/]account/` */
export function accountRoot(prefix: string, account: string, orgId?: string): string {
  return `${prefix ? `${prefix.replace(/\/+$/, '')}/` : ''}AWSLogs/${orgId ? `${orgId}/` : ''}${account}/`;
}
