// Calendar dates of the virtual clock. Firehose names S3 objects after UTC dates (`2026/01/01/00/`)
// and SQS stamps messages with ISO times, so the engine maps virtual time onto calendar dates. Done with integer arithmetic rather
// than Date objects, so nothing here can reach the wall clock or the machine's time zone.

export const DEFAULT_START_DATE = '2026-01-01T00:00:00Z';

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;

/** Epoch milliseconds of an ISO 8601 UTC date (`2026-01-01`, `2026-01-01T00:00:00Z`, `…+00:00`), or null. */
export function parseUtc(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]00:?00)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return daysFromCivil(Number(y), month, day) * DAY_MS + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000 + Math.round(Number(`0.${frac}`) * 1000);
}

/** The UTC calendar fields of epoch milliseconds. */
export function civil(epochMs: number): Civil {
  const days = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - days * DAY_MS;
  // Howard Hinnant's civil_from_days: exact for every day of the proleptic Gregorian calendar.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  return { year, month, day, hour, minute, second, millisecond: rest - second * 1000 };
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-01-01T00:05:00.000000+00:00`: how AWS CLI v2 prints a timestamp. */
export function isoCli(epochMs: number): string {
  const c = civil(epochMs);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${pad(c.millisecond, 3)}000+00:00`;
}

/** `2026-01-01 00:05:00`: the time column of `aws s3 ls`. */
export function lsTime(epochMs: number): string {
  const c = civil(epochMs);
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/**
 * A Java DateTimeFormatter pattern of the letters Firehose prefixes use (`yyyy`, `MM`, `dd`, `HH`,
 * `mm`, `ss`, and literal text between them), applied to a UTC date.
 */
export function formatPattern(pattern: string, epochMs: number): string {
  const c = civil(epochMs);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const close = pattern.indexOf("'", i + 1);
      out += close === -1 ? pattern.slice(i + 1) : pattern.slice(i + 1, close);
      i = close === -1 ? pattern.length : close + 1;
      continue;
    }
    let j = i;
    while (j < pattern.length && pattern[j] === ch) j++;
    const n = j - i;
    switch (ch) {
      case 'y':
      case 'u':
        out += n === 2 ? pad(c.year % 100) : pad(c.year, n);
        break;
      case 'M':
        out += pad(c.month, n);
        break;
      case 'd':
        out += pad(c.day, n);
        break;
      case 'H':
        out += pad(c.hour, n);
        break;
      case 'm':
        out += pad(c.minute, n);
        break;
      case 's':
        out += pad(c.second, n);
        break;
      case 'S':
        out += pad(c.millisecond, 3).slice(0, n);
        break;
      default:
        out += pattern.slice(i, j);
    }
    i = j;
  }
  return out;
}
