import { ORGANIZATION_DISCOVERY_ACTIONS, REGION_DISCOVERY_ACTIONS, operationsFor } from './registry.ts';

/**
 * The least-privilege, read-only IAM policy `vigil collect` needs, generated from the registry
 * so that it can never drift from the calls actually made.
 */
export function collectionActions(services?: string[], options: { organization?: boolean } = {}): string[] {
  const actions = new Set<string>(REGION_DISCOVERY_ACTIONS);
  for (const op of operationsFor(services)) for (const action of op.actions) actions.add(action);
  if (options.organization) for (const action of ORGANIZATION_DISCOVERY_ACTIONS) actions.add(action);
  return [...actions].sort();
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: string }>;
}

export function collectionPolicy(services?: string[], options: { organization?: boolean } = {}): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'VigilCollectReadOnly', Effect: 'Allow', Action: collectionActions(services, options), Resource: '*' }],
  };
}
