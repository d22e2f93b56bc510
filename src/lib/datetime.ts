/**
 * Date/time parsing for the formats Chinese Excel exports actually contain.
 *
 * Every value is reduced to "local wall-clock milliseconds": the Asia/Shanghai wall
 * time encoded as if it were UTC (Date.UTC(y, m - 1, d, h, mi, s)). DuckDB stores these
 * as naive TIMESTAMP, so period arithmetic needs no time-zone support in the browser
 * (DuckDB-WASM would otherwise fetch the ICU extension). China has had no DST since 1991,
 * so an explicit offset converts with a fixed +08:00.
 */

const SHANGHAI_OFFSET_MIN = 8 * 60;
const DAY_MS = 86_400_000;
/** Excel's day 0 (1899-12-30) as local ms; serial 1 = 1899-12-31, with the 1900 leap bug folded in. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const ISO_LIKE =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2})\s*[:：时點点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s*(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;

/** Days in month `mo` (1–12) of year `y` (proleptic Gregorian). */
const daysInMonth = (y: number, mo: number) => (mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31);

/** Days from 1970-01-01 to y-mo-d (Hinnant's days_from_civil): what Date.UTC computes, without a Date object. */
function daysFromCivil(y: number, mo: number, d: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (y < 100) {
    // Date.UTC reads years 0–99 as 1900–1999; keep its meaning there (no export writes them anyway).
    const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    return new Date(t).getUTCDate() === d ? t : null;
  }
  // A day past the month's end (2026-02-30) is rejected instead of rolled over.
  if (d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function offsetMinutes(tz: string): number {
  if (tz.toUpperCase() === 'Z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Parses a timestamp or date to local wall-clock ms, or null when it is not one of the
 * accepted shapes or not a real calendar date.
 */
export function parseLocalTimestamp(raw: string): number | null {
  const text = raw.trim();
  const fast = fastIso(text);
  if (fast !== undefined) return fast;
  let m = ISO_LIKE.exec(text);
  if (m) {
    const frac = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const t = build(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, frac);
    if (t === null || !m[8]) return t;
    return t + (SHANGHAI_OFFSET_MIN - offsetMinutes(m[8])) * 60_000;
  }
  m = CHINESE.exec(text) ?? COMPACT.exec(text);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  if (EXCEL_SERIAL.test(text)) {
    const serial = Number(text);
    // 20000..80000 covers 1954..2119; anything else is more likely a typo than a date.
    if (serial < 20000 || serial > 80000) return null;
    return EXCEL_EPOCH_MS + Math.round(serial * DAY_MS / 1000) * 1000;
  }
  return null;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

const DIGITS_DATE = [0, 1, 2, 3, 5, 6, 8, 9];
const DIGITS_MINUTES = [...DIGITS_DATE, 11, 12, 14, 15];
const DIGITS_SECONDS = [...DIGITS_MINUTES, 17, 18];

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` without a regex (most machine exports); undefined when not that shape. */
function fastIso(s: string): number | null | undefined {
  const n = s.length;
  if ((n !== 10 && n !== 16 && n !== 19) || s[4] !== '-' || s[7] !== '-') return undefined;
  if (n > 10 && (s[10] !== ' ' || s[13] !== ':' || (n === 19 && s[16] !== ':'))) return undefined;
  for (const i of n === 10 ? DIGITS_DATE : n === 16 ? DIGITS_MINUTES : DIGITS_SECONDS) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const y = two(s, 0) * 100 + two(s, 2);
  return build(y, two(s, 5), two(s, 8), n > 10 ? two(s, 11) : 0, n > 10 ? two(s, 14) : 0, n === 19 ? two(s, 17) : 0);
}

/** Truncates local ms to the start of its calendar day. */
export function startOfDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats local ms as `YYYY-MM-DD HH:MM:SS` (what DuckDB reads as TIMESTAMP). */
export function formatLocalTimestamp(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Formats local ms as `YYYY-MM-DD`. */
export function formatLocalDate(t: number): string {
  return formatLocalTimestamp(t).slice(0, 10);
}

/** The current Asia/Shanghai wall-clock time as local ms, from an injectable clock. */
export function shanghaiNow(now: () => Date = () => new Date()): number {
  return now().getTime() + SHANGHAI_OFFSET_MIN * 60_000;
}

export const ACCEPTED_DATE_FORMATS = '2026-07-05, 2026/7/5 14:03, 2026年7月5日, 2026-07-05T14:03:00+08:00, 20260705, Excel serial 46208';
