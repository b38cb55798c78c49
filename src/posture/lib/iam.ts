import { iamView } from '../../inventory/views/iam.ts';
import type { CheckContext, CheckResult } from '../check.ts';
import { GLOBAL, accountResource, fail, failedResult, notApplicable, pass } from './result.ts';
import type { CredentialReportRow } from '../../inventory/views/iam.ts';

/** Credential report helpers: dates, the root row, and age in days relative to the scan time. */

export const ROOT_USER = '<root_account>';

/** A report date cell, or undefined for N/A, no_information, not_supported and empty cells. */
export function reportDate(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 86_400_000;
}

export function rootRow(rows: CredentialReportRow[]): CredentialReportRow | undefined {
  return rows.find((row) => row.user === ROOT_USER);
}

export function userRows(rows: CredentialReportRow[]): CredentialReportRow[] {
  return rows.filter((row) => row.user !== ROOT_USER);
}

export function userResource(row: CredentialReportRow) {
  return { type: 'AWS::IAM::User', id: row.arn || row.user || '', name: row.user };
}

/**
 * Credentials unused for longer than `maxDays` (iam-user-unused-credentials-check / CIS 1.11):
 * an enabled password not used (or, never used, not changed) within maxDays; an active key
 * not used (or, never used, not rotated) within maxDays.
 */
export function staleCredentials(row: CredentialReportRow, now: Date, maxDays: number): string[] {
  const stale: string[] = [];
  if (isTrue(row.password_enabled)) {
    const used = reportDate(row.password_last_used);
    const reference = used ?? reportDate(row.password_last_changed) ?? reportDate(row.user_creation_time);
    if (reference && daysBetween(reference, now) > maxDays) {
      stale.push(used ? `password last used ${row.password_last_used}` : `password never used, set ${row.password_last_changed || row.user_creation_time}`);
    }
  }
  for (const n of [1, 2]) {
    if (!isTrue(row[`access_key_${n}_active`])) continue;
    const used = reportDate(row[`access_key_${n}_last_used_date`]);
    const reference = used ?? reportDate(row[`access_key_${n}_last_rotated`]);
    if (reference && daysBetween(reference, now) > maxDays) {
      stale.push(used ? `access key ${n} last used ${row[`access_key_${n}_last_used_date`]}` : `access key ${n} never used, created ${row[`access_key_${n}_last_rotated`]}`);
    }
  }
  return stale;
}


/**
 * One result per IAM user from the credential report: `judge` returns the problem seen
 * (FAIL), null (PASS with `okReason`), or 'n/a' (NOT_APPLICABLE). No users → one PASS for the account.
 */
export function perReportUser(
  ctx: CheckContext,
  field: string,
  judge: (row: CredentialReportRow) => string | null | 'n/a',
  okReason: (row: CredentialReportRow) => string,
  naReason = 'not applicable to this user',
): CheckResult[] {
  const iam = iamView(ctx.snapshot, ctx.account.id);
  const report = iam.credentialReport();
  if (!report.ok) return [failedResult(ctx, report.failed, accountResource(ctx))];
  const users = userRows(report.value);
  const evidence = { api: 'iam:GetCredentialReport', field };
  if (users.length === 0) return [pass(ctx, GLOBAL, accountResource(ctx), 'the account has no IAM users (iam:GetCredentialReport)', evidence)];
  return users.map((row) => {
    const problem = judge(row);
    if (problem === 'n/a') return notApplicable(ctx, GLOBAL, userResource(row), naReason, evidence);
    return problem === null ? pass(ctx, GLOBAL, userResource(row), okReason(row), evidence) : fail(ctx, GLOBAL, userResource(row), `user ${row.user}: ${problem}`, evidence);
  });
}
