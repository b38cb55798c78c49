import { functions } from '../../../inventory/views/lambda.ts';
import { defineCheck } from '../../check.ts';
import { listParam, Results } from '../ec2/_lib/results.ts';

/**
 * Lambda-managed runtimes and the day Lambda deprecated them (the "Deprecation date" of the
 * Lambda runtime support policy; after it the runtime gets no security patches). A runtime is
 * deprecated for a snapshot collected on or after that day, so an old snapshot reads as it
 * would have then. Runtimes not listed (current ones, and any released later) are supported.
 */
export const RUNTIME_DEPRECATIONS: Readonly<Record<string, string>> = {
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2019-04-30',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  java8: '2024-01-08',
  'java8.al2': '2026-06-30',
  java11: '2026-06-30',
  java17: '2026-06-30',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-06-30',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'dotnetcore1.0': '2019-07-30',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet5.0': '2022-05-10',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
};

/** The deprecation date of `runtime` if it is deprecated at `now`. */
export function deprecatedSince(runtime: string, now: Date): string | undefined {
  const date = RUNTIME_DEPRECATIONS[runtime];
  return date !== undefined && Date.parse(`${date}T00:00:00Z`) <= now.getTime() ? date : undefined;
}

/**
 * FSBP Lambda.2: each .zip function's Runtime must be a supported (not deprecated) runtime.
 * Security Hub evaluates the runtime only (unlike Config's lambda-function-settings-check, which
 * also compares Timeout and MemorySize); functions packaged as container images are ignored.
 * The optional `runtime` parameter replaces the deprecation table with an explicit allow-list,
 * as the Security Hub control's parameter does.
 */
export default defineCheck({
  title: 'Lambda functions should use supported runtimes',
  severity: 'MEDIUM',
  resourceType: 'AWS::Lambda::Function',
  description: 'Checks that each Lambda function packaged as a .zip archive uses a runtime Lambda has not deprecated (ListFunctions → Runtime, against the Lambda runtime deprecation dates as of the snapshot time). Container-image functions are ignored.',
  risk: 'Deprecated runtimes no longer receive security patches, and functions on them are not eligible for technical support.',
  remediation: {
    text: 'Move the function to a supported runtime of the same language and test it.',
    console: 'Lambda console → Functions → select → Code → Runtime settings → Edit → choose a supported runtime → Save.',
    cli: 'aws lambda update-function-configuration --function-name <fn> --runtime python3.13',
    cloudformation: 'Type: AWS::Lambda::Function\nProperties:\n  Runtime: python3.13',
    terraform: 'resource "aws_lambda_function" "this" {\n  runtime = "python3.13"\n}',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html',
  ],
  parameters: {
    runtime: { description: 'Comma-separated list of allowed runtimes; empty means "any runtime Lambda has not deprecated".', default: '' },
  },
  evaluate(context) {
    const out = new Results(context, 'AWS::Lambda::Function');
    const allowed = listParam(context.parameters, 'runtime')?.filter(Boolean);
    out.each(functions(context), (fn, region) => {
      if (fn.PackageType === 'Image') return;
      const resource = { type: 'AWS::Lambda::Function', id: fn.FunctionArn ?? fn.FunctionName ?? '', name: fn.FunctionName };
      const runtime = fn.Runtime;
      const evidence = { api: 'lambda:ListFunctions', field: 'Runtime', value: runtime ?? null };
      if (!runtime) return out.fail(region, resource, `${fn.FunctionName} has no Runtime (PackageType ${fn.PackageType ?? 'Zip'})`, evidence);
      if (allowed?.length) {
        if (allowed.includes(runtime)) out.pass(region, resource, `${fn.FunctionName} uses ${runtime}, an allowed runtime`, evidence);
        else out.fail(region, resource, `${fn.FunctionName} uses ${runtime}, not one of the allowed runtimes ${allowed.join(', ')}`, evidence);
        return;
      }
      const since = deprecatedSince(runtime, context.now);
      if (since) out.fail(region, resource, `${fn.FunctionName} uses ${runtime}, deprecated by Lambda since ${since}`, evidence);
      else out.pass(region, resource, `${fn.FunctionName} uses ${runtime}, a supported runtime`, evidence);
    });
    return out.list;
  },
});
