import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { SEVERITIES } from '../core/severity.ts';
import type { ComplianceMap } from '../core/finding.ts';

/**
 * Frameworks are data: `frameworks/<framework-id>.json` maps each control of a standard to the
 * check ids that evaluate it (see frameworks/README.md). A check's `compliance` is derived from
 * these files, never typed in the check.
 */

const controlSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    /** CIS profile level (1 or 2). */
    level: z.number().int().min(1).max(2).optional(),
    /** Security Hub severity of the control (FSBP). */
    severity: z.enum(SEVERITIES).optional(),
    /** The standard assesses this control manually (CIS "Manual"). */
    manual: z.boolean().optional(),
    checks: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'check ids are kebab-case')),
  })
  .strict();

const frameworkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    title: z.string(),
    reference: z.string().optional(),
    controls: z.array(controlSchema),
  })
  .strict();

export type FrameworkControl = z.infer<typeof controlSchema>;
export type Framework = z.infer<typeof frameworkSchema>;

export const FRAMEWORKS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'frameworks');

let cached: Framework[] | undefined;

/** Reads and validates every framework file (cached: they ship with Vigil). */
export function loadFrameworks(dir = FRAMEWORKS_DIR): Framework[] {
  if (dir === FRAMEWORKS_DIR && cached) return cached;
  const frameworks = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new InputError(`invalid JSON: ${(error as Error).message}`, path);
      }
      const parsed = frameworkSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InputError(`${issue.path.join('.')}: ${issue.message}`, path);
      }
      if (`${parsed.data.id}.json` !== name) throw new InputError(`framework id ${parsed.data.id} does not match its file name`, path);
      const seen = new Set<string>();
      for (const control of parsed.data.controls) {
        if (seen.has(control.id)) throw new InputError(`duplicate control ${control.id}`, path);
        seen.add(control.id);
      }
      return parsed.data;
    });
  if (dir === FRAMEWORKS_DIR) cached = frameworks;
  return frameworks;
}

export function findFramework(frameworks: Framework[], id: string): Framework {
  const found = frameworks.find((framework) => framework.id === id);
  if (!found) throw new InputError(`unknown framework ${JSON.stringify(id)}; known: ${frameworks.map((f) => f.id).join(', ')}`);
  return found;
}

/** check id → { framework id → control ids }, from the framework files. */
export function complianceIndex(frameworks: Framework[]): Map<string, ComplianceMap> {
  const index = new Map<string, ComplianceMap>();
  for (const framework of frameworks) {
    for (const control of framework.controls) {
      for (const checkId of control.checks) {
        let map = index.get(checkId);
        if (!map) index.set(checkId, (map = {}));
        (map[framework.id] ??= []).push(control.id);
      }
    }
  }
  return index;
}
