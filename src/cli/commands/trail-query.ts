import { writeFile } from 'node:fs/promises';
import type { CommandInput } from '../spec.ts';
import { InputError } from '../../core/errors.ts';
import { parseTimeOption } from '../../core/time.ts';
import { openTrailDatabase } from '../../trail/query/database.ts';
import { renderQueryCsv, renderQueryJson, renderQueryTable } from '../../trail/query/render.ts';
import { runQuery } from '../../trail/query/run-query.ts';

interface Options {
  format?: 'table' | 'json' | 'csv';
  out?: string;
  since?: string;
  until?: string;
}

export async function run({ args, options, io }: CommandInput<Options>): Promise<number> {
  const [sql, ...paths] = args;
  if (!sql || paths.length === 0) throw new InputError('usage: vigil trail query SQL PATH…');
  const database = await openTrailDatabase(paths, {
    since: options.since ? parseTimeOption(options.since, '--since') : undefined,
    until: options.until ? parseTimeOption(options.until, '--until') : undefined,
    endpointUrl: options.endpointUrl,
    region: options.region,
    profile: options.profile,
    onProblem: (problem) => io.warn(`${problem.file}${problem.line !== undefined ? `:${problem.line}` : problem.offset !== undefined ? ` (offset ${problem.offset})` : ''}: ${problem.reason}`),
  });
  try {
    const result = await runQuery(database.connection, sql);
    const format = options.format ?? (io.isTTY ? 'table' : 'json');
    const stats = database.stats && { files: database.stats.files, filesSkipped: database.stats.filesSkipped, events: database.stats.events, skipped: database.stats.skipped, filtered: database.stats.filtered };
    const text = format === 'csv' ? renderQueryCsv(result) : format === 'json' ? renderQueryJson(result, stats ? { stats } : {}) : renderQueryTable(result);
    if (options.out) {
      await writeFile(options.out, text);
      io.info(`wrote ${result.rows.length} rows (${format}) to ${options.out}`);
    } else {
      io.stdout.write(text);
    }
    if (stats) io.debug(`read ${stats.events} events from ${stats.files} files (${stats.filesSkipped} skipped)`);
    return 0;
  } finally {
    database.close();
  }
}
