import { existsSync } from 'node:fs';

/**
 * Debian's chromium for browser tests (CI installs it). Locally without it the browser tests
 * are skipped; in CI its absence is a failure.
 */
export function chromiumPath(): { path?: string; skip?: string } {
  const path = process.env.VIGIL_TEST_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return { path };
  if (process.env.CI) throw new Error(`chromium not found at ${path}: .ci/run installs it with apt-get`);
  return { skip: `chromium not installed (${path})` };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
