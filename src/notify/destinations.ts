import { InputError } from '../core/errors.ts';
import type { VigilConfig } from '../core/config.ts';
import type { Finding } from '../core/finding.ts';
import { atLeast, type Severity } from '../core/severity.ts';
import { globMatch } from '../core/glob.ts';

/**
 * A configured notification destination, with its secret (webhook URL, HMAC key) resolved
 * from the environment. Secrets live only in this object: `label` is what logs may show.
 */
export interface Destination {
  name: string;
  type: 'slack' | 'webhook' | 'sns';
  url?: string;
  secret?: string;
  topicArn?: string;
  minSeverity: Severity;
  sources?: string[];
  types?: string[];
  mode: 'immediate' | 'hourly' | 'daily';
  /** Safe to print: type and name, never the URL. */
  label: string;
}

type DestinationConfig = NonNullable<VigilConfig['notify']>['destinations'][number];

export function resolveDestinations(config: VigilConfig, env: NodeJS.ProcessEnv = process.env): Destination[] {
  const seen = new Set<string>();
  return (config.notify?.destinations ?? []).map((d: DestinationConfig, index) => {
    const where = `notify.destinations[${index}]`;
    if (seen.has(d.name)) throw new InputError(`${where}.name: duplicate destination name ${d.name}`, 'vigil.yaml');
    seen.add(d.name);
    const url = d.urlEnv ? env[d.urlEnv] : d.url;
    if ((d.type === 'slack' || d.type === 'webhook') && !url) {
      throw new InputError(`${where}: ${d.urlEnv ? `environment variable ${d.urlEnv} is not set` : 'needs urlEnv (the environment variable holding the URL)'}`, 'vigil.yaml');
    }
    if (d.type === 'sns' && !d.topicArn) throw new InputError(`${where}: sns needs topicArn`, 'vigil.yaml');
    const secret = d.secretEnv ? env[d.secretEnv] : undefined;
    if (d.secretEnv && !secret) throw new InputError(`${where}: environment variable ${d.secretEnv} is not set`, 'vigil.yaml');
    return {
      name: d.name,
      type: d.type,
      url,
      secret,
      topicArn: d.topicArn,
      minSeverity: d.minSeverity ?? 'HIGH',
      sources: d.sources,
      types: d.types,
      mode: d.mode ?? 'immediate',
      label: `${d.type}:${d.name}`,
    };
  });
}

/** Does this destination want this finding? Severity threshold, then source and type filters (globs). */
export function wants(destination: Destination, finding: Pick<Finding, 'severity' | 'source' | 'type'>): boolean {
  if (!atLeast(finding.severity, destination.minSeverity)) return false;
  if (destination.sources && !destination.sources.includes(finding.source)) return false;
  if (destination.types && !destination.types.some((glob) => globMatch(glob, finding.type, { caseInsensitive: true }))) return false;
  return true;
}

/** When a queued item is due: now for immediate destinations, the end of the digest window otherwise. */
export function dueAt(destination: Destination, now: Date): string {
  if (destination.mode === 'immediate') return now.toISOString();
  const due = new Date(now);
  due.setUTCMinutes(0, 0, 0);
  if (destination.mode === 'hourly') due.setUTCHours(due.getUTCHours() + 1);
  else {
    due.setUTCHours(0);
    due.setUTCDate(due.getUTCDate() + 1);
  }
  return due.toISOString();
}
