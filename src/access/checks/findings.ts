import { findingId, type Finding } from '../../core/finding.ts';
import type { CheckResult } from './custom-checks.ts';

/** A custom-check answer as one Contract 2 finding (status PASS or FAIL), reasons in evidence. */
export function checkFinding(check: string, file: string, resourceType: string, result: CheckResult): Finding & CheckResult {
  return {
    id: findingId('access', check, file),
    source: 'access',
    type: check,
    status: result.result,
    severity: result.result === 'FAIL' ? 'HIGH' : 'INFORMATIONAL',
    title: `${check}: ${result.result}`,
    description: [result.message, ...result.reasons.map((r) => `${r.statementId ?? `Statement[${r.statementIndex}]`}: ${r.description}`)].join(' '),
    account: '',
    region: 'global',
    resource: { type: resourceType, id: file },
    compliance: {},
    evidence: { reasons: result.reasons },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-checks-validating-policies.html'],
    result: result.result,
    message: result.message,
    reasons: result.reasons,
  };
}
