import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../core/errors.ts';
import { isSeverity } from '../core/severity.ts';
import type { Check, CheckDefinition } from './check.ts';
import { complianceIndex, type Framework } from './frameworks.ts';
import { parseYamlCheck } from './yaml-check.ts';

/**
 * Finds the checks: built-in ones at `checks/<service>/<check-id>.ts` (id = file name,
 * service = folder), plus user folders given with `--checks DIR` (TypeScript/JavaScript modules
 * exporting `defineCheck(...)` as default, and YAML field-matching checks). Everything is
 * validated before the scan starts; a bad file is an InputError naming it.
 */

export const CHECKS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'checks');

const CHECK_ID = /^[a-z0-9][a-z0-9-]*$/;
const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);
const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

let builtinCache: Promise<LoadedCheck[]> | undefined;

export interface LoadChecksOptions {
  /** Extra folders of custom checks. */
  customDirs?: string[];
  /** Frameworks whose mappings fill `compliance` (default: none, compliance left empty). */
  frameworks?: Framework[];
}

/** Built-in plus custom checks, with `compliance` filled from the frameworks. Sorted by id. */
export async function loadChecks(options: LoadChecksOptions = {}): Promise<Check[]> {
  builtinCache ??= loadFolder(CHECKS_DIR, true);
  const builtin = await builtinCache;
  const custom: LoadedCheck[] = [];
  for (const dir of options.customDirs ?? []) custom.push(...(await loadFolder(dir, false)));
  const byId = new Map<string, LoadedCheck>();
  for (const check of [...builtin, ...custom]) {
    if (byId.has(check.id)) throw new InputError(`duplicate check id ${check.id} (a custom check may not reuse a built-in id)`, check.source);
    byId.set(check.id, check);
  }
  const index = complianceIndex(options.frameworks ?? []);
  return [...byId.values()]
    .map(({ source: _source, ...check }) => ({ ...check, compliance: index.get(check.id) ?? {} }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

type LoadedCheck = Check & { source?: string };

async function loadFolder(root: string, builtin: boolean): Promise<LoadedCheck[]> {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError('checks folder not found', root);
  const files: string[] = [];
  walk(root, files);
  const loaded = await Promise.all(
    files.map(async (file): Promise<LoadedCheck | undefined> => {
      const ext = extname(file);
      const name = basename(file, ext);
      const folder = relative(root, dirname(file)).split(/[\\/]/)[0] || 'custom';
      if (YAML_EXTENSIONS.has(ext)) {
        if (builtin) return undefined;
        const definition = parseYamlCheck(readFileSync(file, 'utf8'), file);
        return { ...definition, id: definition.id ?? name, service: definition.serviceName ?? folder, compliance: {}, source: file };
      }
      if (!MODULE_EXTENSIONS.has(ext) || name.endsWith('.d') || name.endsWith('.test')) return undefined;
      if (!CHECK_ID.test(name)) {
        if (builtin) return undefined;
        throw new InputError(`check file names are kebab-case check ids (${name})`, file);
      }
      let module: { default?: unknown };
      try {
        module = (await import(pathToFileURL(file).href)) as { default?: unknown };
      } catch (error) {
        throw new InputError(`cannot load check: ${(error as Error).message.split('\n')[0]}`, file);
      }
      const definition = validateDefinition(module.default, file);
      return { ...definition, id: name, service: folder, compliance: {}, source: file };
    }),
  );
  return loaded.filter((check): check is LoadedCheck => check !== undefined);
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('_') || name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
}

/** A module's default export must be a check definition: metadata plus evaluate(). */
export function validateDefinition(value: unknown, file: string): CheckDefinition {
  const fail = (message: string): never => {
    throw new InputError(`not a valid check: ${message}`, file);
  };
  if (typeof value !== 'object' || value === null) fail('the default export must be defineCheck({...})');
  const check = value as Partial<CheckDefinition>;
  if (typeof check.evaluate !== 'function') fail('evaluate(context) is missing');
  for (const key of ['title', 'resourceType', 'description', 'risk'] as const) {
    if (typeof check[key] !== 'string' || check[key]!.length === 0) fail(`${key} must be a non-empty string`);
  }
  if (typeof check.severity !== 'string' || !isSeverity(check.severity)) fail(`severity must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL`);
  if (typeof check.remediation?.text !== 'string') fail('remediation.text must be a string');
  if (!Array.isArray(check.references)) fail('references must be a list of URLs');
  return check as CheckDefinition;
}

export { CHECK_ID };
