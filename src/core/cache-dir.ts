import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Vigil keeps what it derives from its own install and can make again at any time: the
 * precompiled detection code, the ASN table in binary form. Nothing a user wrote lives here.
 *
 * `node_modules/.cache/vigil` of the install (the place build tools share), else a private
 * folder directly in the system temp folder; `VIGIL_CACHE_DIR` chooses another. A folder is
 * used only when it is ours and nobody else can write to it: Vigil runs code and trusts data
 * found there, so a folder another user controls (in /tmp) is never used.
 */

export const CACHE_DIR_ENV = 'VIGIL_CACHE_DIR';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The cache folder, created if needed; undefined when no usable one exists (callers then do without). */
export function cacheDir(): string | undefined {
  const configured = process.env[CACHE_DIR_ENV];
  if (configured) return usableDir(configured) ? configured : undefined;
  for (let dir = HERE; dirname(dir) !== dir; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (!statOf(modules)?.isDirectory()) continue;
    const inModules = join(modules, '.cache', 'vigil');
    if (usableDir(inModules)) return inModules;
    break;
  }
  // Directly in the (sticky) temp folder: nobody else can move it after it was checked.
  const inTemp = join(tmpdir(), `vigil-cache-${process.getuid?.() ?? 'user'}`);
  return usableDir(inTemp) ? inTemp : undefined;
}

/** The file's status, or undefined when it cannot be read (missing, no access). */
export function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The folder exists (created if needed), is ours and nobody else can write to it. */
export function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = lstatSync(dir);
    const uid = process.getuid?.();
    return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
