import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { openLogs } from '../../logs/index.ts';
import { generatePolicy } from '../../access/generate/generate.ts';

export async function run({ args, options, io }: CommandInput<{ principal?: string }>): Promise<number> {
  const principal = options.principal;
  if (!principal || !/^arn:[^:]+:(iam|sts)::\d{12}:.+/.test(principal)) throw new InputError('--principal must be the ARN of an IAM user or role');
  if (args.length === 0) throw new InputError('give CloudTrail files, folders or s3:// prefixes');
  const stream = openLogs(args, { onProblem: (p) => io.warn(`${p.file}${p.line ? `:${p.line}` : p.offset !== undefined ? `@${p.offset}` : ''}: ${p.reason} (skipped)`) });
  const result = await generatePolicy(stream, principal);
  io.info(`${result.matched} of ${result.events} CloudTrail events were made by ${principal}`);
  if (result.unknownActions.length) io.warn(`left out (not in the IAM catalog): ${result.unknownActions.join(', ')}`);
  const errors = result.issues.filter((i) => i.findingType === 'ERROR');
  for (const issue of result.issues) io.warn(`validator: ${issue.findingType} ${issue.issueCode}: ${issue.findingDetails}`);
  if (errors.length) throw new InputError(`the generated policy does not validate (${errors.map((e) => e.issueCode).join(', ')})`);
  if (result.policy.Statement.length === 0) {
    io.warn('no activity by this principal: nothing to generate');
    return 0;
  }
  io.out(JSON.stringify(result.policy, null, 2));
  return 0;
}
