import { SingleBar } from 'cli-progress';
import type { CollectProgress } from './collector.ts';

/** The part of the command's terminal I/O collection uses (the CLI's `Io` fits). */
export interface CollectIo {
  /** stderr is a terminal and not --quiet. */
  showProgress: boolean;
  stderr: NodeJS.WritableStream;
  info(message: string): void;
}

/** A bar on stderr when it is a terminal; nothing in pipes or with --quiet. */
export function progressBar(io: CollectIo | undefined): CollectProgress | undefined {
  if (!io?.showProgress) return undefined;
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: 'collecting [{bar}] {value}/{total} units  {unit}',
    hideCursor: true,
    clearOnComplete: true,
  });
  return {
    start: (total) => bar.start(total, 0, { unit: '' }),
    unitDone: (key) => bar.increment(1, { unit: key }),
    stop: () => bar.stop(),
  };
}
