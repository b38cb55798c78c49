import { join } from 'node:path';
import { tempDir } from './vigil.ts';

/**
 * Store locations to run the same store tests against: a fresh SQLite file, and a fresh
 * PostgreSQL database on the server named by VIGIL_TEST_PG_URL (.ci/run starts one on
 * 127.0.0.1). Without that variable the PostgreSQL cases are skipped locally, but fail in CI.
 */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** A new, empty store location, or undefined with `skip` set. */
  create(): Promise<string>;
  skip?: string;
}

export function storeTargets(): StoreTarget[] {
  const pgUrl = process.env.VIGIL_TEST_PG_URL;
  const sqlite: StoreTarget = { name: 'sqlite', create: async () => join(tempDir('vigil-store-'), 'vigil.db') };
  if (!pgUrl) {
    if (process.env.CI) throw new Error('VIGIL_TEST_PG_URL must be set in CI (.ci/run starts PostgreSQL)');
    return [sqlite, { name: 'postgres', create: async () => '', skip: 'VIGIL_TEST_PG_URL not set' }];
  }
  const postgres: StoreTarget = {
    name: 'postgres',
    create: async () => {
      const { default: pg } = await import('pg');
      const name = `vigil_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
  };
  return [sqlite, postgres];
}
