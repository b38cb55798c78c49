import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VIGIL_BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));

export interface VigilRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `vigil` binary, as a user would, and collects its output. */
export function runVigil(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<VigilRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VIGIL_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const tempDirs: string[] = [];

// Each test file runs in its own process: its temporary folders go when it exits, so a test run
// does not leave hundreds of folders in /tmp. VIGIL_KEEP_TEST_DIRS=1 keeps them for a post-mortem.
process.on('exit', () => {
  if (process.env.VIGIL_KEEP_TEST_DIRS === '1') return;
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
});

export function tempDir(prefix = 'vigil-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
