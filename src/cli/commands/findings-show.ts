import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { FindingsStore } from '../../hub/index.ts';
import { findPlaybook } from '../../hub/playbooks.ts';
import { terminalCell } from '../../output/escape.ts';

export async function run({ args, options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const [id] = args;
  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    const finding = await store.get(id!);
    if (!finding) throw new InputError(`no finding with id ${id}`, 'findings show');
    const history = await store.history(id!);
    const playbook = findPlaybook(finding);
    if (options.format === 'json') {
      io.out(JSON.stringify({ finding, history, playbook: playbook ? { path: playbook.path, markdown: playbook.markdown } : null }, null, 2));
      return 0;
    }
    const line = (label: string, value: unknown) => io.out(`${label.padEnd(12)} ${terminalCell(String(value ?? ''))}`);
    line('id', finding.id);
    line('title', finding.title);
    line('type', finding.type);
    line('severity', finding.severity);
    line('status', finding.status ?? '-');
    line('workflow', finding.workflow);
    line('account', finding.account);
    line('region', finding.region);
    line('resource', `${finding.resource.type} ${finding.resource.id}`);
    line('seen', `${finding.firstSeen} → ${finding.lastSeen} (${finding.count}×)`);
    io.out('');
    io.out(terminalCell(finding.description));
    if (finding.remediation) io.out(`\nRemediation: ${terminalCell(finding.remediation)}`);
    io.out(`\nEvidence:\n${terminalCell(JSON.stringify(finding.evidence)).slice(0, 2000)}`);
    io.out('\nHistory:');
    for (const h of history) io.out(`  ${h.at}  ${terminalCell(h.actor)}  ${h.field}: ${h.from ?? ''} → ${h.to ?? ''}  ${terminalCell(h.note ?? '')}`);
    if (playbook) io.out(`\nPlaybook (${playbook.path}):\n\n${playbook.markdown}`);
    return 0;
  } finally {
    await store.close();
  }
}
