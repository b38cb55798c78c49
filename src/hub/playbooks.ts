import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../core/finding.ts';

/**
 * Incident-response playbooks ship as Markdown: `playbooks/detect/<type>.md` for detection
 * types (slashes, colons, dots, `&` and `!` in the type become `-`, as the detection catalog names them), and
 * `playbooks/posture/<check-id>.md` for high-severity posture checks.
 */
export const PLAYBOOK_ROOT = fileURLToPath(new URL('../../playbooks/', import.meta.url));

export function playbookPath(finding: Pick<Finding, 'source' | 'type'>): string {
  const folder = finding.source === 'detection' ? 'detect' : finding.source === 'posture' || finding.source === 'access' ? 'posture' : finding.source;
  return `${folder}/${finding.type.replace(/[/:.&!]/g, '-')}.md`;
}

export function findPlaybook(finding: Pick<Finding, 'source' | 'type' | 'evidence'>): { path: string; markdown: string } | undefined {
  const declared = typeof finding.evidence?.playbook === 'string' ? finding.evidence.playbook.replace(/^playbooks\//, '') : undefined;
  for (const relative of [declared, playbookPath(finding)]) {
    if (!relative || relative.includes('..')) continue;
    const path = `${PLAYBOOK_ROOT}${relative}`;
    if (existsSync(path)) return { path: `playbooks/${relative}`, markdown: readFileSync(path, 'utf8') };
  }
  return undefined;
}
