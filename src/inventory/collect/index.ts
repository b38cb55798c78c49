export { collect, collectSnapshot, DEFAULT_CONCURRENCY, type CollectOptions, type CollectProgress, type CollectResult, type CollectSummary } from './collector.ts';
export { REGISTRY, REGISTERED_SERVICES, operationsFor } from './registry.ts';
export { collectionActions, collectionPolicy } from './policy.ts';
export { formatSummary } from './summary.ts';
export type { OperationSpec, Pagination, PerResource } from './types.ts';
export { progressBar, type CollectIo } from './progress.ts';
export { collectOptionsFromCli, type CollectCliFlags } from './options.ts';
export { COLLECT_UNIT_HANDLER, runUnitRemotely, remoteUnitInput, unitFromInput, type RemoteUnitInput } from './remote.ts';
