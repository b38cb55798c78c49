import { assumeRoleCredentials } from '../../aws/accounts.ts';
import { ClientPool } from '../../aws/client-pool.ts';
import { isServiceName } from '../../aws/services.ts';
import { REGISTRY } from './registry.ts';
import { runUnit, ThrottleSignals, unitKey, type Unit, type UnitResult } from './unit.ts';

/**
 * A collection unit as plain JSON, so that a queue-backed executor can run it on another
 * machine (`vigil worker`): the worker rebuilds the unit from the registry, enters the member
 * account itself with its own credentials, and returns the recorded entries.
 */

export const COLLECT_UNIT_HANDLER = 'collect-unit';

export interface RemoteUnitInput {
  account: string;
  region: string;
  service: string;
  homeRegion: string;
  /** Registry operations of `service` to run, by name. */
  operations: string[];
  /** Member accounts: the role to enter (from the caller's account). */
  roleArn?: string;
  externalId?: string;
  profile?: string;
  endpointUrl?: string;
  maxAttempts?: number;
  retryMode?: 'adaptive' | 'standard';
  perService: number;
  pollIntervalMs?: number;
  maxPolls?: number;
}

export function remoteUnitInput(unit: Unit, settings: Omit<RemoteUnitInput, 'account' | 'region' | 'service' | 'homeRegion' | 'operations'>): RemoteUnitInput {
  return {
    account: unit.account,
    region: unit.region,
    service: unit.service,
    homeRegion: unit.homeRegion,
    operations: unit.operations.map((op) => op.operation),
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    perService: settings.perService,
  };
}

export function unitFromInput(input: RemoteUnitInput): Unit {
  if (!isServiceName(input.service)) throw new Error(`unknown service ${input.service}`);
  const service = input.service;
  const operations = input.operations.map((name) => {
    const op = REGISTRY.find((o) => o.service === service && o.operation === name);
    if (!op) throw new Error(`unknown operation ${service}.${name}`);
    return op;
  });
  return { account: input.account, region: input.region, service, homeRegion: input.homeRegion, operations };
}

/** The worker side: runs one unit with a pool of its own. */
export async function runUnitRemotely(input: RemoteUnitInput): Promise<UnitResult> {
  const unit = unitFromInput(input);
  const signals = new ThrottleSignals();
  const pool = new ClientPool({
    profile: input.profile,
    endpointUrl: input.endpointUrl,
    maxAttempts: input.maxAttempts,
    retryMode: input.retryMode ?? 'standard',
    onThrottle: (service, account, region) => account && signals.throttled(unitKey({ account, region, service })),
  });
  try {
    if (input.roleArn) pool.setAccountCredentials(input.account, assumeRoleCredentials(pool, undefined, input.homeRegion, { RoleArn: input.roleArn, ExternalId: input.externalId }));
    return await runUnit(unit, { pool, throttleSignals: signals, perService: input.perService, pollIntervalMs: input.pollIntervalMs ?? 2000, maxPolls: input.maxPolls ?? 60 });
  } finally {
    pool.destroy();
  }
}
