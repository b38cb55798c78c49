import { createReadStream, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogObject } from './object.ts';

/** Files `vigil trail fetch` writes beside each object; they hold S3 metadata, not log records. */
export const METADATA_SIDECAR_SUFFIX = '.metadata.json';

/** Files up to this size are read in one call: log files usually are, and streams cost more per byte. */
const WHOLE_READ_LIMIT = 64 * 1024 * 1024;

export function localObject(path: string, size?: number): LogObject {
  return {
    name: path,
    size,
    open: async () => createReadStream(path, { highWaterMark: 256 * 1024 }),
    readWhole: () => ((size ?? statSync(path).size) <= WHOLE_READ_LIMIT ? readFileSync(path) : undefined),
  };
}

/**
 * Every file under `dir`, recursively, in name order. Hidden entries (`.git`, editor files)
 * and fetch sidecars are left out; an unreadable folder is reported, not fatal.
 */
export async function* walkFolder(dir: string, onError: (path: string, error: unknown) => void): AsyncGenerator<LogObject> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    onError(dir, error);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walkFolder(path, onError);
    } else if (entry.isFile() && !entry.name.endsWith(METADATA_SIDECAR_SUFFIX)) {
      yield localObject(path);
    } else if (entry.isSymbolicLink()) {
      try {
        const info = await stat(path);
        if (info.isDirectory()) yield* walkFolder(path, onError);
        else if (info.isFile()) yield localObject(path, info.size);
      } catch (error) {
        onError(path, error);
      }
    }
  }
}
