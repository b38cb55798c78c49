import type { Snapshot } from '../../inventory/snapshot.ts';
import { findingId, type Finding } from '../../core/finding.ts';
import { EscalationGraph, type Step } from './graph.ts';
import { readAccountIam } from './principals.ts';

export { METHODS } from './methods.ts';
export { EscalationGraph } from './graph.ts';

const REFERENCES = [
  'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  'https://attack.mitre.org/techniques/T1098/',
];

export interface PathsResult {
  findings: Finding[];
  administrators: Record<string, string[]>;
  unknownPolicies: string[];
}

/** `vigil iam paths`: principals that can reach administrator, with the steps, per account. */
export function escalationPaths(snapshot: Snapshot): PathsResult {
  const findings: Finding[] = [];
  const administrators: Record<string, string[]> = {};
  const unknownPolicies: string[] = [];
  for (const { id: account } of snapshot.accounts) {
    const iam = readAccountIam(snapshot, account);
    if (!iam) continue;
    const graph = new EscalationGraph(iam);
    administrators[account] = graph.admins();
    unknownPolicies.push(...iam.unknownPolicies);
    for (const path of graph.pathsToAdmin()) {
      const principal = graph.byArn.get(path.principal)!;
      const describe = (s: Step) => `${s.from.split(':').pop()} → ${s.description} (${s.actions.join(', ')} on ${s.target})${s.becomes === 'admin' ? ' → administrator' : ` → becomes ${s.becomes.split(':').pop()}`}`;
      findings.push({
        id: findingId('access', 'privilege-escalation', account, path.principal),
        source: 'access',
        type: 'privilege-escalation',
        status: 'FAIL',
        severity: 'HIGH',
        title: `${principal.kind} ${principal.name} can escalate to administrator in ${path.steps.length} step${path.steps.length > 1 ? 's' : ''}`,
        description: path.steps.map(describe).join('; '),
        remediation: 'Remove the permission used in the first step, scope it to specific resources, or add a permissions boundary.',
        account,
        region: 'global',
        resource: { type: principal.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Role', id: principal.arn, name: principal.name },
        compliance: {},
        techniques: ['T1098', 'T1078.004'],
        evidence: { api: 'iam.GetAccountAuthorizationDetails', steps: path.steps },
        references: REFERENCES,
        steps: path.steps,
      } as Finding);
    }
  }
  return { findings, administrators, unknownPolicies: [...new Set(unknownPolicies)] };
}
