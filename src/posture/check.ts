import type { ComplianceMap, Evidence, ResourceRef } from '../core/finding.ts';
import type { Severity } from '../core/severity.ts';
import type { CallError, ManifestAccount, Snapshot } from '../inventory/snapshot.ts';

/**
 * The posture check contract. One check per file at
 * `src/posture/checks/<service>/<check-id>.ts`; the id is the file name, never typed twice.
 * A check's default export is `defineCheck({...})`: metadata beside a pure `evaluate` that
 * reads the snapshot (through the typed views) and returns one result per resource.
 * Compliance mappings live in the framework files (`src/posture/frameworks/*`), not here.
 */

export type CheckStatus = 'PASS' | 'FAIL' | 'ERROR' | 'NOT_APPLICABLE' | 'MANUAL';

export interface Remediation {
  /** One or two sentences: what to change. */
  text: string;
  console?: string;
  cli?: string;
  cloudformation?: string;
  terraform?: string;
}

export interface CheckParameter {
  description: string;
  default: string | number | boolean | string[];
}

export interface CheckMetadata {
  title: string;
  severity: Severity;
  /** CloudFormation type of the resources it judges (`AWS::S3::Bucket`, `AWS::::Account`). */
  resourceType: string;
  description: string;
  risk: string;
  remediation: Remediation;
  /** AWS documentation first, then the control text (CIS, FSBP, Config rule). */
  references: string[];
  /** Documented parameters (AWS Config rule parameters keep their AWS names). */
  parameters?: Record<string, CheckParameter>;
  /** A control that needs a person's attestation: reported MANUAL unless attested in config. */
  manual?: boolean;
}

/** One evaluation: one resource in one account and region. */
export interface CheckResult {
  status: CheckStatus;
  account: string;
  region: string;
  resource: ResourceRef;
  /** What was seen and where, in words a person can act on. */
  reason: string;
  evidence?: Evidence;
  /** Overrides the check's severity for this result (e.g. a public bucket holding logs). */
  severity?: Severity;
}

export interface CheckContext {
  snapshot: Snapshot;
  account: ManifestAccount;
  /** Regions collected for this account. */
  regions: string[];
  /** This check's parameters: defaults merged with vigil.yaml `posture.parameters.<id>`. */
  parameters: Record<string, unknown>;
  /** The time the evaluation is "now" (the snapshot's collectedAt), so results are reproducible. */
  now: Date;
  /**
   * Organization awareness (optional for compatibility): the management account and the
   * delegated-admin accounts, whose data stays loaded so that a check on a member account can
   * ask whether an organization trail, a delegated-admin GuardDuty/Security Hub or a Config
   * aggregator covers it.
   */
  org?: OrgContext;
}

export interface OrgContext {
  /** The organization's management account, when the snapshot knows it. */
  managementAccountId?: string;
  /** Management plus delegated-admin accounts present in the snapshot. */
  adminAccountIds: string[];
  /** Account ids the organization lists (Organizations ListAccounts), when known. */
  memberAccountIds: Set<string>;
}

export interface CheckDefinition extends CheckMetadata {
  evaluate(context: CheckContext): CheckResult[];
}

export function defineCheck(definition: CheckDefinition): CheckDefinition {
  return definition;
}

/** A loaded check: the definition plus its id (from its file name) and service (its folder). */
export interface Check extends CheckDefinition {
  id: string;
  service: string;
  /** Filled from the framework files at load time. */
  compliance: ComplianceMap;
}

/** Reason text for a call that failed, so ERROR results always name the failed call. */
export function describeCallError(service: string, operation: string, error: CallError): string {
  return `${service}:${operation} failed (${error.code}): the data needed is unknown`;
}
