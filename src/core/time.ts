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

/**
 * Epoch milliseconds of a UTC timestamp as AWS logs write it (`2026-11-01T10:00:00Z`, with
 * optional fractional seconds), or NaN. The common shape is read digit by digit, several
 * times faster than Date.parse, which stays the reader of every other form (offsets, dates).
 */
export function parseUtcTimestamp(text: string): number {
  const length = text.length;
  if (length >= 20 && text.charCodeAt(length - 1) === 90 /* Z */ && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = digits(text, 17, 2);
    let millis = 0;
    let valid = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    if (valid && length > 20) {
      // `.f` to `.fffffffff`: milliseconds from the first three digits, like Date.parse.
      valid = text.charCodeAt(19) === 46 && length >= 22 && length <= 30;
      for (let i = 20, scale = 100; valid && i < length - 1; i++, scale /= 10) {
        const d = text.charCodeAt(i) - 48;
        if (d < 0 || d > 9) valid = false;
        else if (scale >= 1) millis += d * scale;
      }
    }
    if (valid) return daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis;
  }
  return Date.parse(text);
}

/** The number in `count` decimal digits at `start`, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, per era of 400 years). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
