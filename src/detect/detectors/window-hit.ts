import type { Cell } from './buckets.ts';
import type { Hit } from '../types.ts';

/** A hit summarising a window of events (count, first/last time, earliest event ids). */
export function windowHit(cell: Cell, hit: Omit<Hit, 'time' | 'eventId' | 'count' | 'until' | 'events'>): Hit {
  return {
    ...hit,
    time: cell.first,
    until: cell.last,
    eventId: cell.ids[0]?.[1] ?? '',
    events: cell.ids,
    count: cell.count,
  };
}

/** Splits a bucket key made with `key(...)`. */
export function key(...parts: Array<string | undefined>): string {
  let text = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) text += '\u0001' + (parts[i] ?? '');
  return text;
}
export function unkey(text: string): string[] {
  return text.split('\u0001');
}
