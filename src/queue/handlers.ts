/**
 * What a worker can run, by name. Each handler takes plain JSON input and returns plain JSON:
 * everything crosses Redis. Handlers import their capability lazily so a worker starts fast.
 */
export type Handler = (input: any) => Promise<unknown>;

export const HANDLERS: Record<string, Handler> = {
  /** Liveness and round-trip check (`vigil worker --check`, tests). */
  echo: async (input) => ({ echoed: input, pid: process.pid }),
  /** One collection unit (account/region/service): the worker makes its own AWS clients. */
  'collect-unit': async (input) => {
    const { runUnitRemotely } = await import('../inventory/collect/index.ts');
    return runUnitRemotely(input);
  },
};
