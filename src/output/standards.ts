/** A framework as the outside world names it (Security Hub, OCSF, reports). */
export interface StandardName {
  name: string;
  /** Security Hub's StandardsId, for the standards it runs itself. */
  standardsId?: string;
}

/** Vigil framework ids (`cis-aws-5.0.0`, `aws-fsbp`, `aws-config-rules`) → display names. */
export function standardOf(framework: string): StandardName {
  const cis = /^cis-aws-(\d+\.\d+\.\d+)$/.exec(framework);
  if (cis) return { name: `CIS AWS Foundations Benchmark v${cis[1]}`, standardsId: `standards/cis-aws-foundations-benchmark/v/${cis[1]}` };
  if (framework === 'aws-fsbp') {
    return { name: 'AWS Foundational Security Best Practices v1.0.0', standardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' };
  }
  if (framework === 'aws-config-rules') return { name: 'AWS Config' };
  return { name: framework };
}

/** `CIS AWS Foundations Benchmark v5.0.0/1.4` for each mapped control, in mapping order. */
export function requirementsOf(compliance: Record<string, string[]> | undefined): string[] {
  return Object.entries(compliance ?? {}).flatMap(([framework, controls]) => controls.map((c) => `${standardOf(framework).name}/${c}`));
}
