import { InputError } from './errors.ts';

/**
 * Parses a time option: ISO-8601 (`2026-11-01`, `2026-11-01T10:00:00Z`) or a relative
 * duration back from now (`90m`, `36h`, `7d`, `2w`).
 */
export function parseTimeOption(value: string, option: string, now = new Date()): Date {
  const relative = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (relative) {
    const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unitMs);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${option}: "${value}" is neither an ISO-8601 time nor a duration like 7d or 36h`);
  }
  return date;
}
