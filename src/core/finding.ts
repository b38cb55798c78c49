import { createHash } from 'node:crypto';
import type { Severity } from './severity.ts';

/** Where a finding came from (Contract 2). */
export const FINDING_SOURCES = ['posture', 'detection', 'access', 'integrity', 'data', 'network', 'imported'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** Result of a posture or access evaluation (Contract 2). */
export const RESULT_STATUSES = ['PASS', 'FAIL', 'ERROR', 'NOT_APPLICABLE', 'MANUAL', 'SUPPRESSED'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** Security Hub's workflow states, used by the findings store. */
export const WORKFLOW_STATES = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/** A resource, named with its CloudFormation type (`AWS::S3::Bucket`) and ARN or id. */
export interface ResourceRef {
  type: string;
  id: string;
  name?: string;
  tags?: Record<string, string>;
}

/** Framework id → control ids, e.g. `{"cis-aws-5.0.0": ["1.4"], "aws-fsbp": ["IAM.4"]}`. */
export type ComplianceMap = Record<string, string[]>;

/** What a finding rests on. Keys beyond these are free-form and command-specific. */
export interface Evidence {
  /** CloudTrail eventIDs behind a detection; `file:line` for flow and DNS logs. */
  events?: string[];
  /** The Sigma or built-in rule that matched. */
  ruleId?: string;
  /** Posture: the API call and the field that showed the problem. */
  api?: string;
  field?: string;
  [key: string]: unknown;
}

export interface Suppression {
  reason: string;
  rule?: string;
  expires?: string;
}

/** The finding (Contract 2). Every producer emits this shape; every output reads it. */
export interface Finding {
  id: string;
  source: FindingSource;
  /** Detections: the GuardDuty finding type; posture/access: the check id. */
  type: string;
  status?: ResultStatus;
  workflow?: WorkflowState;
  severity: Severity;
  title: string;
  description: string;
  remediation?: string;
  account: string;
  /** AWS region, or `global` for global resources. */
  region: string;
  resource: ResourceRef;
  compliance: ComplianceMap;
  techniques?: string[];
  firstSeen?: string;
  lastSeen?: string;
  count?: number;
  evidence: Evidence;
  /** Documentation links: AWS docs, CIS/FSBP control, GuardDuty finding type, ATT&CK. */
  references?: string[];
  suppression?: Suppression;
  /** When this run produced the finding (ISO-8601). */
  observedAt?: string;
}

/**
 * A stable finding id: the same problem on the same resource gets the same id on every run,
 * so stores can upsert and diffs can match. Pass the parts that identify the problem
 * (source, type, account, region, resource id, and for detections the actor).
 */
export function findingId(...parts: Array<string | undefined>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part ?? ''}\u0000`);
  return `vigil-${hash.digest('hex').slice(0, 32)}`;
}

/** Findings that are problems (not passes, not n/a), used for summaries and --fail-on. */
export function isActionable(finding: Finding): boolean {
  return finding.status === undefined || finding.status === 'FAIL' || finding.status === 'ERROR';
}
