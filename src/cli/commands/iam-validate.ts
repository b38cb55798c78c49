import { readFile } from 'node:fs/promises';
import type { CommandInput } from '../spec.ts';
import type { OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { readSnapshot } from '../../inventory/snapshot.ts';
import { validatePolicy } from '../../access/validate/validator.ts';
import { issueFinding, summarize } from '../../access/validate/findings.ts';
import type { PolicyType } from '../../access/validate/types.ts';
import { collectPolicies, type DocumentKind } from '../../access/resources/policies.ts';

interface Options {
  policyType?: PolicyType;
  resourceType?: string;
  snapshot?: string;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

const TYPE_OF_KIND: Record<DocumentKind, PolicyType> = { identity: 'IDENTITY_POLICY', trust: 'RESOURCE_POLICY', resource: 'RESOURCE_POLICY', scp: 'SERVICE_CONTROL_POLICY', rcp: 'RESOURCE_CONTROL_POLICY' };

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  const findings = [];
  if (options.snapshot) {
    const snapshot = readSnapshot(options.snapshot);
    for (const ref of collectPolicies(snapshot)) {
      const resourceType = ref.kind === 'trust' ? 'AWS::IAM::AssumeRolePolicyDocument' : ref.kind === 'resource' ? ref.resourceType : undefined;
      for (const issue of validatePolicy(ref.document, { policyType: TYPE_OF_KIND[ref.kind], resourceType }))
        findings.push(issueFinding(issue, { account: ref.account, region: ref.region, resourceType: ref.resourceType, resourceId: ref.resourceId, name: ref.name, api: ref.api }));
    }
  } else {
    const file = args[0];
    if (!file) throw new InputError('give a policy FILE or --snapshot DIR');
    if (!options.policyType) throw new InputError('--policy-type is required (IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY)');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InputError(`cannot read policy: ${(error as Error).message}`, file);
    }
    for (const issue of validatePolicy(text, { policyType: options.policyType, resourceType: options.resourceType }))
      findings.push(issueFinding(issue, { account: '', region: 'global', resourceType: options.resourceType ?? 'AWS::IAM::Policy', resourceId: file, name: file }));
  }
  const report = makeReport('iam validate', findings, { summary: summarize(findings) }, 'Policy validation');
  return emitReport(report, { format: options.format, out: options.out, failOn: options.failOn }, io);
}
