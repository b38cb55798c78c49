import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { debuglog } from 'node:util';
import { cacheDir as vigilCacheDir, statOf, usableDir } from '../../core/cache-dir.ts';

/**
 * The detection worker as precompiled JavaScript. Without it each worker thread registers
 * tsx and transpiles every module of the detection code again (measured: ~0.4 s of start-up
 * and ~15 MB more per worker). The main thread bundles the worker once with esbuild into a
 * cache folder and rebuilds it when any of its sources changes; workers import the bundle.
 *
 * Anything going wrong here (no esbuild, a read-only or foreign cache folder, a failed
 * build) only means the workers start through tsx as before: `NODE_DEBUG=vigil` prints why.
 */

const debug = debuglog('vigil');

/** Bump when the build below changes, so that bundles made by an older Vigil are rebuilt. */
const FORMAT = 2;

/** The worker module the bundle is made from. */
export const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Builds under way in this process, by manifest file. */
const builds = new Map<string, Promise<string>>();

/** What a bundle was built from: checked before each use. */
interface Manifest {
  format: number;
  esbuild: string;
  entry: string;
  /** Folder of the bundle, beside the manifest. */
  folder: string;
  /** Every source file in the bundle with the SHA-1 of the text it was built from. */
  inputs: Array<[path: string, sha1: string]>;
  /** Package files the bundle imports by absolute URL: they must still exist. */
  externals: string[];
}

/**
 * The file URL of the bundled worker module, built or rebuilt as needed; undefined when no
 * bundle can be had (the caller then starts workers through tsx).
 */
export async function workerBundle(entry = WORKER_ENTRY, cacheDir = vigilCacheDir()): Promise<string | undefined> {
  try {
    if (!cacheDir || !usableDir(cacheDir)) {
      debug(`detection workers: no usable cache folder (${cacheDir ?? 'none'}); workers use tsx`);
      return undefined;
    }
    const manifestFile = join(cacheDir, `worker-${sha1(entry).slice(0, 12)}.json`);
    const fresh = freshBundle(manifestFile, entry);
    if (fresh) return fresh;
    // Runs in this process asking at once share one build.
    let building = builds.get(manifestFile);
    if (!building) {
      building = buildBundle(entry, cacheDir, manifestFile).finally(() => builds.delete(manifestFile));
      builds.set(manifestFile, building);
    }
    return await building;
  } catch (error) {
    debug(`detection workers: no bundle (${error instanceof Error ? error.message : String(error)}); workers use tsx`);
    return undefined;
  }
}

/** The bundle's URL when the manifest matches every source as it is now. */
function freshBundle(manifestFile: string, entry: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.format !== FORMAT || manifest.entry !== entry || !Array.isArray(manifest.inputs)) return undefined;
  // A tsconfig.json that appeared (or moved) since the build is a change too.
  const tsconfig = tsconfigOf(entry);
  if (tsconfig && !manifest.inputs.some(([path]) => path === tsconfig)) return undefined;
  for (const [path, hash] of manifest.inputs) {
    try {
      if (sha1(readFileSync(path)) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  for (const file of manifest.externals) if (!isFile(file)) return undefined;
  const main = join(dirname(manifestFile), manifest.folder, mainFile(entry));
  return isFile(main) ? pathToFileURL(main).href : undefined;
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() === true;
}

/** esbuild names the entry's output after the entry file. */
function mainFile(entry: string): string {
  return `${basename(entry, extname(entry))}.mjs`;
}

/** The tsconfig.json esbuild reads for the entry (it decides how classes are compiled). */
function tsconfigOf(entry: string): string | undefined {
  for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
    if (isFile(join(dir, 'tsconfig.json'))) return join(dir, 'tsconfig.json');
  }
  return undefined;
}

/**
 * Builds into a private temporary folder, then renames it into place and replaces the
 * manifest by rename too: another Vigil process sees the old bundle or the new one, never a
 * half-written file.
 */
async function buildBundle(entry: string, cacheDir: string, manifestFile: string): Promise<string> {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const inputs = new Map<string, string>();
  const externals = new Set<string>();
  const tsconfig = tsconfigOf(entry);
  if (tsconfig) inputs.set(tsconfig, sha1(readFileSync(tsconfig, 'utf8')));
  const work = mkdtempSync(join(cacheDir, 'tmp-'));
  try {
    await esbuild.build({
      entryPoints: [entry],
      outdir: work,
      // .mjs: ES modules wherever the cache folder is, whatever package.json is above it.
      outExtension: { '.js': '.mjs' },
      bundle: true,
      // Modules the sources import lazily stay lazy (the S3 reader and its AWS SDK clients
      // are never loaded by a worker reading local files).
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Class and function names as in the sources (error names, anything keyed by .name).
      keepNames: true,
      logLevel: 'silent',
      plugins: [sourcesAsWritten(inputs), packagesWhereTheyAre(externals)],
    });
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  } finally {
    // esbuild's service process is not needed once no build is under way here.
    if (builds.size <= 1) await esbuild.stop();
  }
  const manifest: Omit<Manifest, 'folder'> = {
    format: FORMAT,
    esbuild: esbuild.version,
    entry,
    inputs: [...inputs].sort(([a], [b]) => (a < b ? -1 : 1)),
    externals: [...externals].sort(),
  };
  const folder = `worker-${sha1(JSON.stringify(manifest)).slice(0, 16)}`;
  try {
    renameSync(work, join(cacheDir, folder));
  } catch {
    // Another process built the same sources first: its bundle is this one.
    rmSync(work, { recursive: true, force: true });
  }
  const main = join(cacheDir, folder, mainFile(entry));
  if (!isFile(main)) throw new Error(`${main} missing after the build`);
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ ...manifest, folder } satisfies Manifest));
  renameSync(temp, manifestFile);
  pruneOld(cacheDir, folder);
  debug(`detection workers: bundled ${inputs.size} modules in ${Math.round(performance.now() - started)} ms into ${join(cacheDir, folder)}`);
  return pathToFileURL(main).href;
}

/**
 * Loads every source itself: to hash exactly the text that was bundled, and to give
 * `import.meta.url` (and `dirname`/`filename`) the value it has in the source file, so that
 * paths to data files (the Sigma rules, the ASN tables through createRequire) stay right
 * wherever the bundle lives. Another use of `import.meta` would change meaning in a bundle:
 * the build then fails and workers use tsx.
 */
function sourcesAsWritten(inputs: Map<string, string>) {
  const loaders: Record<string, 'ts' | 'js' | 'json'> = { '.ts': 'ts', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' };
  return {
    name: 'vigil-sources-as-written',
    setup(build: import('esbuild').PluginBuild) {
      build.onLoad({ filter: /\.(m?ts|m?js|json)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        inputs.set(args.path, sha1(text));
        const url = pathToFileURL(args.path).href;
        const contents = text
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path));
        if (/\bimport\.meta\b/.test(contents)) {
          return { errors: [{ text: `${args.path} uses import.meta in a way a bundle would change` }] };
        }
        return { contents, loader: loaders[extname(args.path)] ?? 'js' };
      });
    },
  };
}

/**
 * npm packages are not bundled: each import names the package's file as Node resolves it
 * for the sources, so the bundle works from any folder, and native packages never enter it.
 */
function packagesWhereTheyAre(externals: Set<string>) {
  return {
    name: 'vigil-packages-where-they-are',
    setup(build: import('esbuild').PluginBuild) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const resolved = import.meta.resolve(args.path);
        if (resolved.startsWith('file:')) externals.add(fileURLToPath(resolved));
        return { path: resolved, external: true };
      });
    },
  };
}

/** Bundles and temporary folders left from earlier builds, an hour after they were made. */
function pruneOld(cacheDir: string, keep: string): void {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(cacheDir)) {
    if (name === keep || !/^(worker-[0-9a-f]{16}|tmp-.+)$/.test(name)) continue;
    try {
      if (statSync(join(cacheDir, name)).mtimeMs < hourAgo) rmSync(join(cacheDir, name), { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
