import { findingId, type Finding } from '../../core/finding.ts';
import type { FileResult, Gap, ValidationResult } from './validator.ts';

/**
 * Validation results as findings (Contract 2, source `integrity`): one per digest or log file
 * that is invalid or missing, and an informational one per gap (logging or validation was off:
 * nothing to validate, which is not a failure).
 */

const REFERENCES = [
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html',
  'https://attack.mitre.org/techniques/T1070/',
];

interface Kind {
  type: string;
  title: string;
}

function kindOf(file: FileResult): Kind {
  const what = file.kind === 'log' ? 'log file' : 'digest file';
  if (file.status === 'missing') return { type: file.kind === 'log' ? 'Integrity:CloudTrail/LogFileDeleted' : 'Integrity:CloudTrail/DigestFileDeleted', title: `CloudTrail ${what} listed in the digest chain is missing` };
  if (file.kind === 'log') {
    if (file.reason === "hash value doesn't match") return { type: 'Integrity:CloudTrail/LogFileModified', title: 'CloudTrail log file was modified after delivery' };
    return { type: 'Integrity:CloudTrail/LogFileInvalidFormat', title: 'CloudTrail log file is not the gzip file CloudTrail delivered' };
  }
  if (file.reason.startsWith('public key not found')) return { type: 'Integrity:CloudTrail/DigestSigningKeyUnknown', title: 'CloudTrail digest file is signed with a key CloudTrail does not list' };
  if (file.reason.startsWith('has been moved')) return { type: 'Integrity:CloudTrail/DigestFileMoved', title: 'CloudTrail digest file is not where CloudTrail delivered it' };
  if (file.reason === 'invalid format') return { type: 'Integrity:CloudTrail/DigestFileInvalidFormat', title: 'CloudTrail digest file is not a valid digest' };
  return { type: 'Integrity:CloudTrail/DigestSignatureInvalid', title: 'CloudTrail digest file signature does not verify' };
}

export function trailArn(homeRegion: string | undefined, account: string, trail: string): string {
  return `arn:aws:cloudtrail:${homeRegion ?? 'unknown'}:${account}:trail/${trail}`;
}

export function validationFindings(result: ValidationResult, observedAt = new Date().toISOString()): Finding[] {
  const homeOf = new Map(result.chains.map((c) => [`${c.account}/${c.region}/${c.trail}`, c.homeRegion]));
  const findings: Finding[] = [];
  for (const file of result.files) {
    if (file.status === 'valid') continue;
    const kind = kindOf(file);
    const arn = trailArn(homeOf.get(`${file.account}/${file.region}/${file.trail}`), file.account, file.trail);
    const uri = `s3://${file.bucket}/${file.key}`;
    findings.push({
      id: findingId('integrity', kind.type, file.account, file.region, uri),
      source: 'integrity',
      type: kind.type,
      severity: 'HIGH',
      title: kind.title,
      description: `${file.kind === 'log' ? 'Log' : 'Digest'} file ${uri} is INVALID: ${file.reason}.${file.digestKey ? ` It is listed in digest s3://${file.bucket}/${file.digestKey}.` : ''} Records in it cannot be trusted, and records may have been removed.`,
      remediation: 'Treat the period as possibly tampered with: investigate who wrote to or deleted from the trail bucket (S3 data events, bucket policy changes), restore the object from versioning or replication if available, and protect the bucket with Object Lock and MFA delete.',
      account: file.account,
      region: file.region,
      resource: { type: 'AWS::CloudTrail::Trail', id: arn, name: file.trail },
      compliance: {},
      techniques: ['T1070'],
      evidence: { file: uri, reason: file.reason, ...(file.digestKey ? { digest: `s3://${file.bucket}/${file.digestKey}` } : {}), ...(file.fingerprint ? { fingerprint: file.fingerprint } : {}) },
      references: REFERENCES,
      observedAt,
    });
  }
  for (const gap of result.gaps) findings.push(gapFinding(gap, homeOf.get(`${gap.account}/${gap.region}/${gap.trail}`), observedAt));
  return findings;
}

function gapFinding(gap: Gap, homeRegion: string | undefined, observedAt: string): Finding {
  const arn = trailArn(homeRegion, gap.account, gap.trail);
  return {
    id: findingId('integrity', 'Integrity:CloudTrail/DigestChainGap', gap.account, gap.region, arn, gap.from, gap.to),
    source: 'integrity',
    type: 'Integrity:CloudTrail/DigestChainGap',
    severity: 'INFORMATIONAL',
    title: 'No CloudTrail log files were digested for a period (logging or validation was off)',
    description: `No log files were delivered by CloudTrail between ${gap.from} and ${gap.to} for trail ${gap.trail} in ${gap.region}: the digest chain restarts, which happens when logging or log file validation is turned off.`,
    remediation: 'Check CloudTrail StopLogging/UpdateTrail events around the gap, and alert on them.',
    account: gap.account,
    region: gap.region,
    resource: { type: 'AWS::CloudTrail::Trail', id: arn, name: gap.trail },
    compliance: {},
    techniques: ['T1562.008'],
    firstSeen: gap.from,
    lastSeen: gap.to,
    evidence: { from: gap.from, to: gap.to },
    references: REFERENCES,
    observedAt,
  };
}
