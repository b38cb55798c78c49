import { readFile } from 'node:fs/promises';
import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { simulate } from '../../access/simulate.ts';

export async function run({ options, io }: CommandInput<{ input?: string; format?: string }>): Promise<number> {
  if (!options.input) throw new InputError('--input FILE is required');
  let text: string;
  try {
    text = await readFile(options.input, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read input: ${(error as Error).message}`, options.input);
  }
  const output = simulate(text, options.input);
  const format = options.format ?? (io.isTTY ? 'table' : 'json');
  if (format === 'json') {
    io.out(JSON.stringify(output, null, 2));
    return 0;
  }
  for (const r of output.EvaluationResults) {
    const where = r.MatchedStatements.map((s) => `${s.SourcePolicyId}@${s.StartPosition.Line}:${s.StartPosition.Column}`).join(', ');
    io.out(`${r.EvalDecision.padEnd(12)} ${r.EvalActionName} on ${r.EvalResourceName}${where ? `  (${where})` : ''}${r.MissingContextValues.length ? `  missing: ${r.MissingContextValues.join(', ')}` : ''}`);
  }
  return 0;
}
