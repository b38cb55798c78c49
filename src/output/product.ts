import { createRequire } from 'node:module';

/** Who produced the findings, as SARIF, ASFF and OCSF name the tool. */
export const PRODUCT = {
  name: 'Vigil',
  vendor: 'Vigil',
  version: (createRequire(import.meta.url)('../../package.json') as { version: string }).version,
  informationUri: 'https://github.com/vigil-security/vigil',
} as const;
