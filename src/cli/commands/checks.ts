import { findFramework, loadFrameworks } from '../../posture/frameworks.ts';
import { loadChecks } from '../../posture/loader.ts';
import type { CommandInput } from '../spec.ts';

interface ChecksOptions {
  framework?: string;
  checks?: string[];
  format?: 'table' | 'json';
}

/** `vigil checks [--framework ID] [--format json]`: the checks, their metadata and mappings. */
export async function run({ options, config, io }: CommandInput<ChecksOptions>): Promise<number> {
  const frameworks = loadFrameworks();
  const checks = await loadChecks({ customDirs: [...(config.posture?.checks ?? []), ...(options.checks ?? [])], frameworks });
  let listed = checks;
  if (options.framework) {
    const framework = findFramework(frameworks, options.framework);
    const ids = new Set(framework.controls.flatMap((c) => c.checks));
    listed = checks.filter((check) => ids.has(check.id));
  }
  const format = options.format ?? (io.isTTY ? 'table' : 'json');
  if (format === 'json') {
    const out = listed.map((check) => ({
      id: check.id,
      title: check.title,
      severity: check.severity,
      resourceType: check.resourceType,
      service: check.service,
      description: check.description,
      risk: check.risk,
      remediation: check.remediation,
      references: check.references,
      parameters: check.parameters ?? {},
      manual: check.manual ?? false,
      compliance: check.compliance,
    }));
    io.out(JSON.stringify({ checks: out }, null, 2));
    return 0;
  }
  const idWidth = Math.max(2, ...listed.map((c) => c.id.length));
  io.out(`${'ID'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(13)}  ${'SERVICE'.padEnd(16)}  TITLE / CONTROLS`);
  for (const check of listed) {
    const controls = Object.entries(check.compliance).map(([fw, ids]) => `${fw}: ${ids.join(', ')}`).join('; ');
    io.out(`${check.id.padEnd(idWidth)}  ${check.severity.padEnd(13)}  ${check.service.padEnd(16)}  ${check.title}${controls ? `\n${' '.repeat(idWidth + 35)}${controls}` : ''}`);
  }
  io.out(`\n${listed.length} checks${options.framework ? ` in ${options.framework}` : ''}.`);
  return 0;
}
