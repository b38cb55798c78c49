import { readFileSync } from 'node:fs';
import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { parseJsonFile } from '../../inventory/snapshot.ts';
import { FindingsStore } from '../../hub/index.ts';
import { dedupeKey, importFromResponse, importLive, type ImportService } from '../../hub/imports/index.ts';
import { enqueueHook } from '../../notify/index.ts';

const SERVICES: ImportService[] = ['guardduty', 'securityhub', 'accessanalyzer', 'inspector'];

export async function run({ options, config, io }: CommandInput<Record<string, any>>): Promise<number> {
  const services = (options.from ? String(options.from).split(',') : SERVICES).map((s) => s.trim()) as ImportService[];
  for (const s of services) if (!SERVICES.includes(s)) throw new InputError(`--from: unknown service ${s} (expected ${SERVICES.join(', ')})`);

  let imported;
  if (options.file) {
    const parsed = importFromResponse(parseJsonFile(options.file, readFileSync(options.file)), { region: options.region });
    if (!parsed) throw new InputError('not a GuardDuty, Security Hub, Access Analyzer or Inspector findings response', options.file, '$');
    imported = { findings: parsed.findings, problems: [], counts: { [parsed.service]: parsed.findings.length } };
  } else {
    const { ClientPool } = await import('../../aws/client-pool.ts');
    const regions = options.regions ? String(options.regions).split(',') : config.aws?.regions && config.aws.regions !== 'all' ? config.aws.regions : [options.region ?? config.aws?.region ?? process.env.AWS_REGION ?? 'us-east-1'];
    const pool = new ClientPool({ profile: options.profile ?? config.aws?.profile, endpointUrl: options.endpointUrl ?? config.aws?.endpointUrl });
    try {
      imported = await importLive(pool, services, regions);
    } finally {
      pool.destroy();
    }
  }
  for (const p of imported.problems) io.warn(`${p.service} in ${p.region}: ${p.code}: ${p.message}`);

  const store = await FindingsStore.open(options.store ?? config.store);
  try {
    // Same problem already found by Vigil itself: note it there instead of storing it twice.
    const own = new Map<string, string>();
    for (const f of await store.list({ sources: ['detection', 'posture', 'access'] })) for (const key of dedupeKey(f)) own.set(key, f.id);
    const fresh = [];
    let duplicates = 0;
    for (const finding of imported.findings) {
      const match = dedupeKey(finding).map((k) => own.get(k)).find(Boolean);
      if (match) {
        duplicates++;
        await store.note(match, 'vigil findings import', `also reported by ${String(finding.evidence.importedFrom)} (${String(finding.evidence.originalId)})`);
      } else fresh.push(finding);
    }
    const summary = await store.ingest(fresh, { command: 'findings import', enqueue: enqueueHook(config) });
    const counts = Object.entries(imported.counts).map(([s, n]) => `${s} ${n}`).join(', ') || 'nothing';
    io.info(`read ${counts}; stored ${fresh.length} (${summary.created} new), ${duplicates} already found by Vigil; ${imported.problems.length} service/region(s) unreadable`);
    return 0;
  } finally {
    await store.close();
  }
}
