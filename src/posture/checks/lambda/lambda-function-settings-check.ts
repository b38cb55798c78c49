import { functions } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { intParam, listParam, Results, stringParam } from '../ec2/_lib/results.ts';

/** The rule's default `runtime` list: runtimes Lambda supports (FSBP Lambda.2 is lambda-function-supported-runtime). */
const SUPPORTED_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x', 'python3.14', 'python3.13', 'python3.12', 'python3.11', 'python3.10', 'java25', 'java21', 'java17', 'java11', 'java8.al2', 'dotnet10', 'dotnet8', 'ruby3.4', 'ruby3.3'];

/**
 * Config lambda-function-settings-check: Runtime must be one of `runtime`;
 * Role must be `role` (name or ARN) when given; Timeout must equal `timeout` (default 3) and
 * MemorySize must equal `memorySize` (default 128). Functions with PackageType Image and
 * OS-only runtimes (provided, provided.al2, provided.al2023) are ignored, as the rule does.
 */
export default defineCheck({
  title: 'Lambda function settings should match the expected runtime, role, timeout and memory size',
  severity: 'MEDIUM',
  resourceType: 'AWS::Lambda::Function',
  description: 'Checks each Lambda function\'s Runtime, Role, Timeout and MemorySize (ListFunctions) against the expected values. By default `runtime` lists the runtimes Lambda still supports; Timeout and MemorySize must equal the rule\'s defaults (3 s, 128 MB) unless set.',
  risk: 'Deprecated runtimes stop receiving security patches; unexpected roles, timeouts or memory sizes are signs of drift from the approved configuration.',
  remediation: {
    text: 'Upgrade the function to a supported runtime and align its role, timeout and memory with the approved values.',
    console: 'Lambda console → Functions → select → Code → Runtime settings → Edit → choose a supported runtime → Save; Configuration → General configuration → Edit for memory and timeout.',
    cli: 'aws lambda update-function-configuration --function-name <fn> --runtime nodejs22.x --timeout <s> --memory-size <mb>',
    cloudformation: 'Type: AWS::Lambda::Function\nProperties:\n  Runtime: python3.13\n  Timeout: 3\n  MemorySize: 128',
    terraform: 'resource "aws_lambda_function" "this" {\n  runtime     = "python3.13"\n  timeout     = 3\n  memory_size = 128\n}',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/lambda-function-settings-check.html',
  ],
  parameters: {
    runtime: { description: 'Comma-separated list of AWS Lambda runtime values.', default: SUPPORTED_RUNTIMES },
    role: { description: 'Name or ARN of the AWS Lambda execution role (optional).', default: '' },
    timeout: { description: 'AWS Lambda function timeout in seconds.', default: 3 },
    memorySize: { description: 'AWS Lambda function size in megabytes.', default: 128 },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Function');
    const runtimes = listParam(context.parameters, 'runtime') ?? SUPPORTED_RUNTIMES;
    const role = stringParam(context.parameters, 'role');
    const timeout = intParam(context.parameters, 'timeout') ?? 3;
    const memorySize = intParam(context.parameters, 'memorySize') ?? 128;
    out.each(functions(context), (fn, region) => {
      if (fn.PackageType === 'Image' || /^provided/.test(fn.Runtime ?? '')) return;
      const resource = { type: 'AWS::Lambda::Function', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const problems: string[] = [];
      if (!fn.Runtime || !runtimes.includes(fn.Runtime)) problems.push(`Runtime ${fn.Runtime ?? 'unset'} is not one of ${runtimes.join(', ')}`);
      if (role && !roleMatches(fn.Role, role)) problems.push(`Role ${fn.Role ?? 'unset'} is not ${role}`);
      if ((fn.Timeout ?? 3) !== timeout) problems.push(`Timeout ${fn.Timeout ?? 3}s is not ${timeout}s`);
      if ((fn.MemorySize ?? 128) !== memorySize) problems.push(`MemorySize ${fn.MemorySize ?? 128} MB is not ${memorySize} MB`);
      const evidence = { api: 'lambda:ListFunctions', field: 'Runtime, Role, Timeout, MemorySize', runtime: fn.Runtime ?? null, timeout: fn.Timeout ?? null, memorySize: fn.MemorySize ?? null };
      if (problems.length > 0) out.fail(region, resource, `${fn.FunctionName}: ${problems.join('; ')}`, evidence);
      else out.pass(region, resource, `${fn.FunctionName} matches the expected settings (${fn.Runtime}, ${fn.Timeout}s, ${fn.MemorySize} MB)`, evidence);
    });
    return out.list;
  },
});

function roleMatches(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  return actual === wanted || actual.endsWith(`:role/${wanted}`) || actual.split('/').pop() === wanted;
}
