import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { FindingsStore } from '../../hub/index.ts';
import { startServer } from '../../web/server.ts';

/** Serves the dashboard until interrupted (Ctrl-C / SIGTERM close the store cleanly). */
export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const port = Number(options.port ?? config.serve?.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: expected a port number, got ${options.port}`);
  const host = String(options.host ?? config.serve?.host ?? '127.0.0.1');
  const token = process.env[config.serve?.tokenEnv ?? 'VIGIL_SERVE_TOKEN'] || undefined;
  const store = await FindingsStore.open(options.store ?? config.store);
  const { url, close } = await startServer({ store, host, port, token, log: (m) => io.warn(m) });
  io.info(`Vigil dashboard on ${url}/${token ? ' (token required for changes' + (host.startsWith('127.') ? ')' : ' and reads)') : ''}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await close();
  await store.close();
  return 0;
}
