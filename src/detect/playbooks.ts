import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SIGMA_RULE_INFO, allFindingTypes, playbookPath, renderPlaybook } from './catalog.ts';

/**
 * The playbook files, rendered from the catalog: `playbooks/detect/<type>.md` for every finding
 * type the built-in detection emits, and `Sigma-rule.md` for findings of user rules. A test
 * checks the committed files equal this rendering; regenerate with
 * `node --import tsx src/detect/playbooks.ts`.
 */
export const SIGMA_PLAYBOOK = 'playbooks/detect/Sigma-rule.md';

export function renderedPlaybooks(): Map<string, string> {
  const out = new Map<string, string>();
  for (const info of allFindingTypes()) out.set(playbookPath(info.type), renderPlaybook(info));
  out.set(
    SIGMA_PLAYBOOK,
    renderPlaybook({ ...SIGMA_RULE_INFO, type: 'Sigma rule findings (`Sigma:CloudTrail/<RuleTitle>`)', title: 'A Sigma rule loaded with --rules matched', severity: 'MEDIUM', techniques: [] })
      .replace('Default severity **MEDIUM**', "Severity: the rule's `level`")
      .replace('ATT&CK: .', "ATT&CK: the rule's `attack.tXXXX` tags."),
  );
  return out;
}

export function writePlaybooks(root: string): number {
  const files = renderedPlaybooks();
  for (const [path, text] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return files.size;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/src\//, '/src/'))) {
  console.log(`wrote ${writePlaybooks(process.cwd())} playbooks`);
}
