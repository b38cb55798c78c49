/**
 * The access capability's public surface, for the CLI commands and the demo:
 * validation, simulation, external access, custom checks, escalation paths, unused access and
 * policy generation.
 */
export { validatePolicy } from './validate/validator.ts';
export type { PolicyIssue, PolicyType, FindingType } from './validate/types.ts';
export { simulate } from './simulate.ts';
export { evaluateRequest } from './evaluate/engine.ts';
export { analyzeAccess, zoneFor } from './external/snapshot.ts';
export { analyzeResourcePolicy, analyzeResourcePolicyDeep } from './external/analyze.ts';
export { startSolver, closeSolver } from './external/solver.ts';
export { checkNoPublicAccess, checkAccessNotGranted } from './checks/custom-checks.ts';
export { escalationPaths } from './paths/index.ts';
export { unusedAccess } from './unused/unused.ts';
export { readActivity } from './unused/activity.ts';
export { generatePolicy } from './generate/generate.ts';
export { collectPolicies } from './resources/policies.ts';
