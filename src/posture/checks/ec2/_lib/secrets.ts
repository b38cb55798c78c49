/**
 * The plaintext-secret heuristic behind `lambda-function-env-no-plaintext-secrets` and
 * `ssm-parameter-no-plaintext-secrets`. It aims for high signal:
 *  - value patterns that are secrets whatever their name: AWS access key ids (AKIA/ASIA + 16),
 *    PEM private keys, GitHub/GitLab/Slack/Stripe/Google tokens, JSON Web Tokens, and
 *    credentials embedded in URLs (scheme://user:password@host);
 *  - a name that says "secret" (password, passwd, pwd, secret, api key, access key, private key,
 *    token, credential, client secret) together with a value that is a literal, i.e. not empty,
 *    not a number or boolean, and not a reference to a secret store (an ARN, an SSM path,
 *    `{{resolve:…}}`, `${…}`);
 *  - an AWS secret access key: a 40-character base64 value under a name that mentions secret.
 * Values are never echoed: findings name the variable and the kind of match and length only.
 */

const VALUE_PATTERNS: Array<{ kind: string; pattern: RegExp }> = [
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { kind: 'private key (PEM)', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/ },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: 'password in a URL', pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{3,}@[^\s]+/i },
];

/** Words that say a value is a secret, alone or as adjacent pairs (`api key`, `client secret`). */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey']);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'client secret', 'auth token', 'access token']);
/** A last word that makes the name describe something else (a TTL, a URL, an ARN, a file…). */
const DESCRIBING_WORDS = new Set(['ttl', 'expiry', 'expiration', 'expires', 'length', 'timeout', 'url', 'uri', 'endpoint', 'path', 'file', 'arn', 'name', 'id', 'type', 'header', 'rotation', 'enabled', 'region', 'version', 'policy', 'param', 'parameter']);

/** camelCase, snake_case, kebab-case, dotted and /path/style names → lower-case words. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

const AWS_SECRET_KEY_VALUE = /^[A-Za-z0-9/+]{40}$/;

export interface SecretMatch {
  kind: string;
  /** Words describing the value without showing it. */
  masked: string;
}

export function mask(value: string): string {
  return `<masked, ${value.length} characters>`;
}

function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^arn:aws[\w-]*:(?:secretsmanager|ssm|kms):/.test(v) ||
    /^\{\{resolve:/.test(v) ||
    /^\$\{.+\}$/.test(v) ||
    /^\/[\w./-]+$/.test(v) || // an SSM parameter path
    /^(?:ssm|secretsmanager|vault):/i.test(v)
  );
}

function isLiteralSecretCandidate(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (/^(?:true|false|yes|no|on|off|none|null|enabled|disabled)$/i.test(v)) return false;
  if (/^\d+$/.test(v)) return false;
  return !isReference(v);
}

/** Whether a name alone suggests a secret (used on variable names, SSM names and descriptions). */
export function nameSuggestsSecret(name: string): boolean {
  const list = words(name);
  if (list.length === 0 || DESCRIBING_WORDS.has(list[list.length - 1]!)) return false;
  return list.some((word, i) => SECRET_WORDS.has(word) || (i > 0 && SECRET_PAIRS.has(`${list[i - 1]} ${word}`)));
}

/** What in a value looks like a secret, whatever its name. */
export function valueSecret(value: string): SecretMatch | undefined {
  for (const { kind, pattern } of VALUE_PATTERNS) if (pattern.test(value)) return { kind, masked: mask(value) };
  return undefined;
}

/** A (name, value) pair, as in a Lambda environment variable. */
export function variableSecret(name: string, value: string): SecretMatch | undefined {
  const byValue = valueSecret(value);
  if (byValue) return byValue;
  if (/secret/i.test(name) && AWS_SECRET_KEY_VALUE.test(value.trim())) return { kind: 'AWS secret access key', masked: mask(value) };
  if (nameSuggestsSecret(name) && isLiteralSecretCandidate(value)) return { kind: 'literal value under a secret-like name', masked: mask(value) };
  return undefined;
}
