import { readFile } from 'node:fs/promises';
import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { JsonSyntaxError } from '../../access/policy/json.ts';
import { checkNoPublicAccess, PUBLIC_CHECK_TYPES, type CheckResult } from '../../access/checks/custom-checks.ts';
import { checkFinding } from '../../access/checks/findings.ts';
import type { Io } from '../io.ts';

interface Options {
  resourceType?: string;
  format?: OutputFormat;
  out?: string;
  failOn?: Severity;
}

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  const file = args[0]!;
  const type = options.resourceType;
  if (!type) throw new InputError(`--resource-type is required (${Object.keys(PUBLIC_CHECK_TYPES).join(', ')})`);
  if (!PUBLIC_CHECK_TYPES[type]) throw new InputError(`--resource-type: ${type} is not supported (${Object.keys(PUBLIC_CHECK_TYPES).join(', ')})`);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new InputError(`cannot read policy: ${error.message}`, file);
  });
  let result;
  try {
    result = await checkNoPublicAccess(text, type);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new InputError(`policy is not JSON: ${error.message}`, file, `${error.position.line}:${error.position.column}`);
    throw error;
  }
  return reportCheck(file, type, result, options, io);
}

/**
 * Prints the answer and returns the exit code. An undecided check (ERROR) exits 1 whatever
 * --fail-on says: the policy was not shown to pass, and a CI gate must not read that as a pass.
 */
export async function reportCheck(file: string, type: string, result: CheckResult, options: Options, io: Io): Promise<number> {
  const finding = checkFinding('check-no-public-access', file, type, result);
  // Ranked and named like `vigil iam access`'s undecided findings.
  if (result.result === 'ERROR') Object.assign(finding, { severity: 'MEDIUM', title: 'check-no-public-access: ERROR (could not be decided)' });
  const code = await emitReport(makeReport('iam check-no-public-access', [finding], { result: result.result, message: result.message, reasons: result.reasons }), { format: options.format, out: options.out, failOn: options.failOn }, io);
  return result.result === 'ERROR' ? 1 : code;
}
