import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { WORKFLOW_STATES, type WorkflowState } from '../../core/finding.ts';
import { FindingsStore } from '../../hub/index.ts';
import { userInfo } from 'node:os';

export async function run({ args, options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const workflow = String(options.workflow ?? '').toUpperCase();
  if (!(WORKFLOW_STATES as readonly string[]).includes(workflow)) throw new InputError(`--workflow: expected one of ${WORKFLOW_STATES.join(', ')}`);
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const actor = options.by ?? userInfo().username;
    const changed = await store.updateWorkflow(args, workflow as WorkflowState, actor, options.note);
    io.info(`${changed} finding(s) set to ${workflow} by ${actor}`);
    return 0;
  } finally {
    await store.close();
  }
}
