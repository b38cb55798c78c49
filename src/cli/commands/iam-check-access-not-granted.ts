import { readFile } from 'node:fs/promises';
import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { JsonSyntaxError } from '../../access/policy/json.ts';
import { checkAccessNotGranted, type CheckPolicyType } from '../../access/checks/custom-checks.ts';
import { checkFinding } from '../../access/checks/findings.ts';

interface Options {
  action?: string[];
  resource?: string[];
  policyType?: string;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  const file = args[0]!;
  const actions = (options.action ?? []).flatMap((a) => a.split(',')).filter(Boolean);
  const resources = (options.resource ?? []).flatMap((r) => r.split(',')).filter(Boolean);
  if (actions.length === 0 && resources.length === 0) throw new InputError('give --action (and optionally --resource)');
  for (const action of actions) if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) throw new InputError(`--action: ${action} is not of the form service:Action`);
  const policyType = (options.policyType ?? 'IDENTITY_POLICY') as CheckPolicyType;
  if (policyType !== 'IDENTITY_POLICY' && policyType !== 'RESOURCE_POLICY') throw new InputError('--policy-type must be IDENTITY_POLICY or RESOURCE_POLICY');
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new InputError(`cannot read policy: ${error.message}`, file);
  });
  let result;
  try {
    result = checkAccessNotGranted(text, actions.length ? actions : ['*'], resources, policyType);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new InputError(`policy is not JSON: ${error.message}`, file, `${error.position.line}:${error.position.column}`);
    throw error;
  }
  const finding = checkFinding('check-access-not-granted', file, policyType === 'IDENTITY_POLICY' ? 'AWS::IAM::Policy' : 'ResourcePolicy', result);
  return emitReport(makeReport('iam check-access-not-granted', [finding], { result: result.result, message: result.message, reasons: result.reasons }), { format: options.format, out: options.out, failOn: options.failOn }, io);
}
