import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { InputError } from './errors.ts';
import { SEVERITIES } from './severity.ts';

/**
 * `vigil.yaml`: one file, one schema, validated before the first AWS call. Each capability
 * owns one top-level section. Unknown keys are errors, so a typo never silently does nothing.
 */

const severity = z.enum(SEVERITIES);
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date');

/** A suppression rule (posture issue): applies to findings of every source. */
export const suppressionSchema = z
  .object({
    /** Check id or finding type; glob allowed (`s3-*`, `Recon:*`). */
    check: z.string().optional(),
    account: z.string().optional(),
    region: z.string().optional(),
    /** Resource ARN or id; glob allowed. */
    resource: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
    reason: z.string().min(1),
    expires: isoDate.optional(),
  })
  .strict();
export type SuppressionRule = z.infer<typeof suppressionSchema>;

const awsSection = z
  .object({
    profile: z.string().optional(),
    region: z.string().optional(),
    regions: z.union([z.literal('all'), z.array(z.string())]).optional(),
    endpointUrl: z.string().url().optional(),
    orgRole: z.string().optional(),
    externalId: z.string().optional(),
    accounts: z.array(z.string().regex(/^\d{12}$/, 'expected a 12-digit account id')).optional(),
    concurrency: z
      .object({
        perAccount: z.number().int().positive().optional(),
        perRegion: z.number().int().positive().optional(),
        perService: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** Attempts per AWS call, retries included. */
    maxAttempts: z.number().int().min(1).max(30).optional(),
  })
  .strict();

const attestationSchema = z
  .object({
    check: z.string(),
    account: z.string().optional(),
    status: z.enum(['PASS', 'FAIL']),
    by: z.string(),
    date: isoDate,
    expires: isoDate.optional(),
    note: z.string().optional(),
  })
  .strict();

const postureSection = z
  .object({
    frameworks: z.array(z.string()).optional(),
    /** Per-check parameters, e.g. AWS Config rule parameters: `iam-password-policy: {MinimumPasswordLength: 14}`. */
    parameters: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** A person's attestation for MANUAL controls. */
    attestations: z.array(attestationSchema).optional(),
    /** Folders of custom checks. */
    checks: z.array(z.string()).optional(),
  })
  .strict();

const detectSection = z
  .object({
    learningDays: z.number().nonnegative().optional(),
    state: z.string().optional(),
    intel: z.array(z.string()).optional(),
    rules: z.array(z.string()).optional(),
    allow: z
      .object({
        principals: z.array(z.string()).optional(),
        ips: z.array(z.string()).optional(),
        userAgents: z.array(z.string()).optional(),
        rules: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    thresholds: z.record(z.string(), z.number()).optional(),
    /** Accounts that may receive snapshot shares and role trust without a finding (partners, the organization). */
    trustedAccounts: z.array(z.string().regex(/^\d{12}$/, 'expected a 12-digit account id')).optional(),
    /** Threads for detection (default: planned from the cores, the input and memoryMb). */
    workers: z.number().int().positive().optional(),
    /** The memory, in MB, the default thread count is planned for (default: half the machine's or container's). */
    memoryMb: z.number().int().positive().optional(),
  })
  .strict();

const accessSection = z
  .object({
    /** The zone of trust: the account alone, or the whole organization. */
    zoneOfTrust: z.enum(['account', 'organization']).optional(),
    trustedAccounts: z.array(z.string()).optional(),
    unusedDays: z.number().int().positive().optional(),
  })
  .strict();

const destinationSchema = z
  .object({
    name: z.string(),
    type: z.enum(['slack', 'webhook', 'sns']),
    /** Secrets are read from the environment, never written in the file. */
    urlEnv: z.string().optional(),
    url: z.string().optional(),
    secretEnv: z.string().optional(),
    topicArn: z.string().optional(),
    minSeverity: severity.optional(),
    sources: z.array(z.string()).optional(),
    types: z.array(z.string()).optional(),
    mode: z.enum(['immediate', 'hourly', 'daily']).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    aws: awsSection.optional(),
    posture: postureSection.optional(),
    suppressions: z.array(suppressionSchema).optional(),
    detect: detectSection.optional(),
    access: accessSection.optional(),
    store: z.string().optional(),
    notify: z
      .object({
        destinations: z.array(destinationSchema),
        /** Base URL of `vigil serve`, for links to findings and playbooks in messages. */
        dashboardUrl: z.string().url().optional(),
        maxAttempts: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    serve: z
      .object({ host: z.string().optional(), port: z.number().int().optional(), tokenEnv: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type VigilConfig = z.infer<typeof configSchema>;

/**
 * Loads and validates a YAML config file. Every error is one line naming the file, the line
 * and column, and the key path, e.g. `vigil.yaml:7:5: detect.learningDays: expected number`.
 */
export function loadConfig(file: string): VigilConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file = 'vigil.yaml'): VigilConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = lineCounter.linePos(first.pos[0]);
    throw new InputError(`invalid YAML: ${first.message.split('\n')[0]}`, file, `${pos.line}:${pos.col}`);
  }
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0]!;
  // Unrecognized keys are reported on the parent object: point at the offending key itself.
  const path = [...issue.path] as Array<string | number>;
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]!);
  const node = findNode(doc, path);
  const location = node ? lineCounter.linePos(node) : undefined;
  const key = path.length > 0 ? `${path.join('.')}: ` : '';
  const message = issue.code === 'unrecognized_keys' ? `unknown key` : issue.message;
  throw new InputError(`${key}${message}`, file, location ? `${location.line}:${location.col}` : undefined);
}

/** Offset of the deepest YAML node (or its key) along `path`. */
function findNode(doc: ReturnType<typeof parseDocument>, path: Array<string | number>): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (depth > 0) {
      const parent = depth > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      // Prefer the key's position so "unknown key" points at the key, not at its value.
      const items = (parent as { items?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.items;
      const pair = items?.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === prefix.at(-1));
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    const node = doc.getIn(prefix, true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
