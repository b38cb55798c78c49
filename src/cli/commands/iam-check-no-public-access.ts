import { readFile } from 'node:fs/promises';
import type { CommandInput, OutputFormat } from '../spec.ts';
import type { Severity } from '../../core/severity.ts';
import { InputError } from '../../core/errors.ts';
import { emitReport, makeReport } from '../../output/index.ts';
import { JsonSyntaxError } from '../../access/policy/json.ts';
import { checkNoPublicAccess, PUBLIC_CHECK_TYPES } from '../../access/checks/custom-checks.ts';
import { checkFinding } from '../../access/checks/findings.ts';

export async function run({ args, options, io }: CommandInput<{ resourceType?: string; format?: OutputFormat; out?: string; failOn?: Severity }>): Promise<number> {
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
  const finding = checkFinding('check-no-public-access', file, type, result);
  return emitReport(makeReport('iam check-no-public-access', [finding], { result: result.result, reasons: result.reasons }), { format: options.format, out: options.out, failOn: options.failOn }, io);
}
