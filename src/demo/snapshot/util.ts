import type { AccountData, CallEntry, Entry } from '../../inventory/snapshot.ts';
import type { DemoAccount, DemoOrg } from '../org.ts';
import type { Prng } from '../prng.ts';

/** What every service builder gets: the organization, the account it builds, a random stream, a sink. */
export interface BuildContext {
  org: DemoOrg;
  account: DemoAccount;
  rng: Prng;
  put(service: string, operation: string, region: string, entry: Entry): void;
}

export const ok = (data: unknown): CallEntry => ({ data });
export const fail = (code: string, message: string): CallEntry => ({ error: { code, message } });
export const perResource = (resources: Record<string, CallEntry>): Entry => ({ resources });

export function accessDenied(account: DemoAccount, action: string): CallEntry {
  return fail('AccessDenied', `User: arn:aws:sts::${account.id}:assumed-role/VigilReadOnly/vigil is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);
}

/** Resource and key policies travel as the JSON strings the APIs return. */
export function policyJson(document: object): string {
  return JSON.stringify(document);
}

/** IAM returns policy documents URL-encoded (RFC 3986), as it stored the original text. */
export function iamEncoded(document: object): string {
  return encodeURIComponent(JSON.stringify(document, null, 4));
}

export function newAccountData(): { data: AccountData; put: BuildContext['put'] } {
  const data: AccountData = {};
  return {
    data,
    put(service, operation, region, entry) {
      const ops = (data[service] ??= {});
      const regions = (ops[operation] ??= {});
      regions[region] = entry;
    },
  };
}

export const GLOBAL_REGION = 'us-east-1';
