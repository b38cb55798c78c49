/** The Redis server for queue tests: VIGIL_TEST_REDIS_URL (.ci/run starts one on 127.0.0.1). */
export function redisUrl(): { url?: string; skip?: string } {
  const url = process.env.VIGIL_TEST_REDIS_URL;
  if (url) return { url };
  if (process.env.CI) throw new Error('VIGIL_TEST_REDIS_URL must be set in CI (.ci/run starts redis-server)');
  return { skip: 'VIGIL_TEST_REDIS_URL not set' };
}
