import { InputError } from '../core/errors.ts';
import { WORKFLOW_STATES, type WorkflowState } from '../core/finding.ts';
import { isSeverity, type Severity } from '../core/severity.ts';
import { parseTimeOption } from '../core/time.ts';
import type { FindingFilter } from './store.ts';

const list = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** Turns `vigil findings list` options into a store filter, rejecting unknown values. */
export function filterFromOptions(options: Record<string, unknown>): FindingFilter {
  const filter: FindingFilter = {};
  const severity = typeof options.severity === 'string' ? options.severity.toUpperCase() : undefined;
  if (severity?.endsWith('+')) {
    const min = severity.slice(0, -1);
    if (!isSeverity(min)) throw new InputError(`--severity: unknown severity ${min}`);
    filter.minSeverity = min;
  } else if (severity) {
    const values = list(severity)!;
    for (const value of values) if (!isSeverity(value)) throw new InputError(`--severity: unknown severity ${value}`);
    filter.severities = values as Severity[];
  }
  const workflows = list(typeof options.workflow === 'string' ? options.workflow.toUpperCase() : undefined);
  for (const value of workflows ?? []) if (!(WORKFLOW_STATES as readonly string[]).includes(value)) throw new InputError(`--workflow: unknown state ${value}`);
  filter.workflows = workflows as WorkflowState[] | undefined;
  filter.sources = list(options.source);
  filter.accounts = list(options.account);
  // The global --region doubles as the region filter here: listing talks to no AWS endpoint.
  filter.regions = list(options.region);
  filter.statuses = list(typeof options.status === 'string' ? options.status.toUpperCase() : undefined);
  if (typeof options.type === 'string') filter.type = options.type;
  if (typeof options.since === 'string') filter.since = parseTimeOption(options.since, '--since').toISOString();
  if (typeof options.until === 'string') filter.until = parseTimeOption(options.until, '--until').toISOString();
  if (options.limit !== undefined) {
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit <= 0) throw new InputError(`--limit: expected a positive whole number, got ${String(options.limit)}`);
    filter.limit = limit;
  }
  return filter;
}
