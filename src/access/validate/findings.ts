import { findingId, type Finding } from '../../core/finding.ts';
import type { Severity } from '../../core/severity.ts';
import type { FindingType, PolicyIssue } from './types.ts';

const SEVERITY: Record<FindingType, Severity> = { SECURITY_WARNING: 'HIGH', ERROR: 'MEDIUM', WARNING: 'LOW', SUGGESTION: 'INFORMATIONAL' };

export interface IssueTarget {
  account: string;
  region: string;
  resourceType: string;
  resourceId: string;
  name?: string;
  api?: string;
}

/**
 * One Contract 2 finding per ValidatePolicy issue. `issueCode`, `findingType` and `locations`
 * sit at the top level (so results compare one to one with Access Analyzer's) and in evidence.
 */
export function issueFinding(issue: PolicyIssue, target: IssueTarget): Finding & { issueCode: string; findingType: FindingType; locations: PolicyIssue['locations']; findingDetails: string; learnMoreLink: string } {
  const where = issue.locations[0]?.span.start;
  return {
    id: findingId('access', 'validate', issue.issueCode, target.account, target.resourceId, where ? `${where.line}:${where.column}` : ''),
    source: 'access',
    type: issue.issueCode,
    status: 'FAIL',
    severity: SEVERITY[issue.findingType],
    title: `${issue.findingType} ${issue.issueCode} in ${target.name ?? target.resourceId}`,
    description: issue.findingDetails,
    remediation: `See ${issue.learnMoreLink}`,
    account: target.account,
    region: target.region,
    resource: { type: target.resourceType, id: target.resourceId, ...(target.name ? { name: target.name } : {}) },
    compliance: {},
    evidence: { issueCode: issue.issueCode, findingType: issue.findingType, locations: issue.locations, ...(target.api ? { api: target.api } : {}) },
    references: [issue.learnMoreLink, 'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html'],
    issueCode: issue.issueCode,
    findingType: issue.findingType,
    locations: issue.locations,
    findingDetails: issue.findingDetails,
    learnMoreLink: issue.learnMoreLink,
  };
}

export function summarize(issues: Array<{ findingType: FindingType }>): Record<FindingType, number> {
  const summary: Record<FindingType, number> = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  for (const issue of issues) summary[issue.findingType]++;
  return summary;
}
