/**
 * Runs `read` over the items of `items` with at most `concurrency` at once and yields what they
 * produce as it comes. At most `concurrency` results wait unconsumed (each producer pauses until
 * the consumer takes its result), so memory stays bounded however many items there are.
 * Stopping the iteration early stops the producers.
 */
export async function* mergeConcurrent<I, T>(items: AsyncIterable<I>, concurrency: number, read: (item: I) => AsyncIterable<T>): AsyncGenerator<T> {
  if (concurrency <= 1) {
    for await (const item of items) yield* read(item);
    return;
  }
  const source = items[Symbol.asyncIterator]();
  const ready: T[] = [];
  /** Producers waiting for room, woken when the consumer takes a result. */
  let roomWaiters: Array<() => void> = [];
  let wakeConsumer: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let running = 0;
  let closed = false;

  const notify = () => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };
  const worker = async () => {
    try {
      for (;;) {
        if (closed) return;
        const next = await source.next();
        if (next.done || closed) return;
        for await (const result of read(next.value)) {
          while (ready.length >= concurrency && !closed) await new Promise<void>((resolve) => roomWaiters.push(resolve));
          if (closed) return;
          ready.push(result);
          notify();
        }
      }
    } catch (error) {
      failure ??= { error };
      closed = true;
    } finally {
      running--;
      notify();
    }
  };

  for (let i = 0; i < concurrency; i++) {
    running++;
    void worker();
  }
  try {
    for (;;) {
      if (ready.length > 0) {
        const result = ready.shift() as T;
        const waiters = roomWaiters;
        roomWaiters = [];
        for (const wake of waiters) wake();
        yield result;
        continue;
      }
      if (failure) throw failure.error;
      if (running === 0) return;
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    closed = true;
    for (const wake of roomWaiters) wake();
    roomWaiters = [];
  }
}
