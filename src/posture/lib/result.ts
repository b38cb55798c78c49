import type { Evidence, ResourceRef } from '../../core/finding.ts';
import type { Severity } from '../../core/severity.ts';
import type { CallResult } from '../../inventory/snapshot.ts';
import type { FailedCall, Got } from '../../inventory/views/account.ts';
import { describeCallError, type CheckContext, type CheckResult, type CheckStatus } from '../check.ts';

/**
 * Small builders so every check states results the same way: what was seen, where (the API
 * call and field), and for ERROR the call that failed.
 */

export const GLOBAL = 'global';

export function accountResource(ctx: CheckContext): ResourceRef {
  return { type: 'AWS::::Account', id: ctx.account.id, name: ctx.account.name };
}

export function result(
  ctx: CheckContext,
  status: CheckStatus,
  region: string,
  resource: ResourceRef,
  reason: string,
  evidence?: Evidence,
  severity?: Severity,
): CheckResult {
  const out: CheckResult = { status, account: ctx.account.id, region, resource, reason };
  if (evidence) out.evidence = evidence;
  if (severity) out.severity = severity;
  return out;
}

export const pass = (ctx: CheckContext, region: string, resource: ResourceRef, reason: string, evidence?: Evidence) =>
  result(ctx, 'PASS', region, resource, reason, evidence);
export const fail = (ctx: CheckContext, region: string, resource: ResourceRef, reason: string, evidence?: Evidence, severity?: Severity) =>
  result(ctx, 'FAIL', region, resource, reason, evidence, severity);
export const notApplicable = (ctx: CheckContext, region: string, resource: ResourceRef, reason: string, evidence?: Evidence) =>
  result(ctx, 'NOT_APPLICABLE', region, resource, reason, evidence);

/** The input a check needed was denied, failed or never recorded: ERROR naming the call. */
export function callError(
  ctx: CheckContext,
  region: string,
  resource: ResourceRef,
  service: string,
  operation: string,
  call: CallResult<unknown>,
): CheckResult {
  const reason =
    call.kind === 'missing'
      ? `${service}:${operation} was not recorded in the snapshot for ${region}: the data needed is unknown`
      : call.kind === 'error' || call.kind === 'absent'
        ? `${describeCallError(service, operation, call.error)} (${region})`
        : `${service}:${operation}: unexpected response`;
  const evidence: Evidence = { api: `${service}:${operation}`, region };
  if (call.kind === 'error' || call.kind === 'absent') evidence.error = call.error;
  return result(ctx, 'ERROR', region, resource, reason, evidence);
}

/** A failed view lookup: the call, its region and result. */
export type Failed = FailedCall;

export function failedResult(ctx: CheckContext, failed: Failed, resource: ResourceRef): CheckResult {
  return callError(ctx, failed.region, resource, failed.service, failed.operation, failed.call);
}

/** Either the data, or the failed call that stops the check. */
export type Fetched<T> = Got<T>;

export function fetched<T>(service: string, operation: string, region: string, call: CallResult<T>, absentValue?: T): Fetched<T> {
  if (call.kind === 'data') return { ok: true, value: call.data };
  if (call.kind === 'absent' && absentValue !== undefined) return { ok: true, value: absentValue };
  return { ok: false, failed: { service, operation, region, call } };
}
