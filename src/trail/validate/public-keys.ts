import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { ClientPool } from '../../aws/client-pool.ts';
import { errorCode } from '../../aws/errors.ts';
import { AwsFailure, InputError } from '../../core/errors.ts';
import { importPublicKey } from './signing.ts';

/** A CloudTrail signing key, as ListPublicKeys lists it. */
export interface TrailPublicKey {
  fingerprint: string;
  key: KeyObject;
  validityStart?: string;
  validityEnd?: string;
}

/** Fingerprint → key, for one home region (or for any region, when read from a file). */
export type PublicKeySet = Map<string, TrailPublicKey>;

interface ListedKey {
  Value?: string | Uint8Array;
  Fingerprint?: string;
  ValidityStartTime?: string | Date;
  ValidityEndTime?: string | Date;
}

function toKeySet(list: ListedKey[], where: string): PublicKeySet {
  const keys: PublicKeySet = new Map();
  list.forEach((item, i) => {
    if (!item.Fingerprint || !item.Value) throw new InputError(`PublicKeyList[${i}] needs Fingerprint and Value`, where);
    const der = typeof item.Value === 'string' ? Buffer.from(item.Value, 'base64') : item.Value;
    let key: KeyObject;
    try {
      key = importPublicKey(der);
    } catch {
      throw new InputError(`PublicKeyList[${i}].Value is not a base64 DER RSA public key (PKCS#1 or SubjectPublicKeyInfo)`, where);
    }
    const iso = (d: string | Date | undefined) => (d instanceof Date ? d.toISOString() : d);
    keys.set(item.Fingerprint, { fingerprint: item.Fingerprint, key, validityStart: iso(item.ValidityStartTime), validityEnd: iso(item.ValidityEndTime) });
  });
  return keys;
}

/** `--public-keys FILE`: the JSON of `aws cloudtrail list-public-keys` (`{"PublicKeyList": [...]}`). */
export function readPublicKeysFile(file: string): PublicKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read public keys: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  const list = (parsed as { PublicKeyList?: unknown })?.PublicKeyList;
  if (!Array.isArray(list)) throw new InputError('expected {"PublicKeyList": [...]} as ListPublicKeys returns it', file);
  return toKeySet(list as ListedKey[], file);
}

/** Live: CloudTrail ListPublicKeys in the trail's home region for the window. */
export async function listPublicKeys(pool: ClientPool, homeRegion: string, start: Date | undefined, end: Date): Promise<PublicKeySet> {
  const list: ListedKey[] = [];
  let token: string | undefined;
  try {
    do {
      const input: Record<string, unknown> = { EndTime: end };
      if (start) input.StartTime = start;
      if (token) input.NextToken = token;
      const out = (await pool.send('cloudtrail', undefined, homeRegion, 'ListPublicKeys', input)) as { PublicKeyList?: ListedKey[]; NextToken?: string };
      list.push(...(out.PublicKeyList ?? []));
      token = out.NextToken;
    } while (token);
  } catch (error) {
    throw new AwsFailure(`CloudTrail ListPublicKeys in ${homeRegion}: ${error instanceof Error ? error.message : String(error)}`, errorCode(error));
  }
  return toKeySet(list, `ListPublicKeys ${homeRegion}`);
}
