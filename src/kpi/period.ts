/**
 * Reporting periods: month `2026-07`, quarter `2026-Q3`, half `2026-H1`, year `2026`,
 * year-to-date `2026-YTD` (to the as-of day). Boundaries are local calendar days.
 */

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'ytd';

export interface Period {
  id: string;
  kind: PeriodKind;
  /** First day 00:00, local ms. */
  start: number;
  /** The next period's first day 00:00 (exclusive), local ms. */
  end: number;
  /** Length in months, for annualising (fractional for YTD). */
  months: number;
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

const DAY = 86_400_000;
const utc = (y: number, m: number, d = 1) => Date.UTC(y, m, d);

/** Parses a period id; `asOf` (local ms) bounds year-to-date. */
export function parsePeriod(id: string, asOf?: number | null): Period {
  const s = id.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && +m[2]! >= 1 && +m[2]! <= 12) {
    return { id: s, kind: 'month', start: utc(+m[1]!, +m[2]! - 1), end: utc(+m[1]!, +m[2]!), months: 1 };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) {
    const q = +m[2]! - 1;
    return { id: s, kind: 'quarter', start: utc(+m[1]!, q * 3), end: utc(+m[1]!, q * 3 + 3), months: 3 };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(s))) {
    const h = +m[2]! - 1;
    return { id: s, kind: 'half', start: utc(+m[1]!, h * 6), end: utc(+m[1]!, h * 6 + 6), months: 6 };
  }
  if ((m = /^(\d{4})$/.exec(s))) return { id: s, kind: 'year', start: utc(+m[1]!, 0), end: utc(+m[1]! + 1, 0), months: 12 };
  if ((m = /^(\d{4})-YTD$/.exec(s))) {
    const start = utc(+m[1]!, 0);
    const yearEnd = utc(+m[1]! + 1, 0);
    const end = asOf == null ? yearEnd : Math.min(yearEnd, Math.max(start + DAY, Math.floor(asOf / DAY) * DAY + DAY));
    return { id: s, kind: 'ytd', start, end, months: ((end - start) / DAY) * (12 / 365.25) };
  }
  throw new PeriodError(`unknown period format: ${id} (use 2026-07, 2026-Q3, 2026-H1, 2026 or 2026-YTD)`);
}

/** The period of the same kind just before `p` (YTD: the previous year's same span). */
export function previousPeriod(p: Period): Period {
  const d = new Date(p.start);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  switch (p.kind) {
    case 'month': return parsePeriod(mo === 0 ? `${y - 1}-12` : `${y}-${String(mo).padStart(2, '0')}`);
    case 'quarter': return parsePeriod(mo === 0 ? `${y - 1}-Q4` : `${y}-Q${mo / 3}`);
    case 'half': return parsePeriod(mo === 0 ? `${y - 1}-H2` : `${y}-H1`);
    case 'year': return parsePeriod(String(y - 1));
    case 'ytd': {
      const prev = parsePeriod(`${y - 1}-YTD`);
      return { ...prev, end: Date.UTC(y - 1, new Date(p.end).getUTCMonth(), new Date(p.end).getUTCDate()), months: p.months };
    }
  }
}

/** `n` periods ending with `p`, oldest first. */
export function lastPeriods(p: Period, n: number): Period[] {
  const out = [p];
  while (out.length < n) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** The latest period of `kind` that ends on or before the as-of day (i.e. is complete). */
export function latestComplete(kind: 'month' | 'quarter' | 'year', asOf: number): Period {
  const d = new Date(asOf);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  let p = kind === 'month' ? parsePeriod(`${y}-${String(mo + 1).padStart(2, '0')}`) : kind === 'quarter' ? parsePeriod(`${y}-Q${Math.floor(mo / 3) + 1}`) : parsePeriod(String(y));
  while (p.end > asOf) p = previousPeriod(p);
  return p;
}

/** Every month from `start` (inclusive) to `end` (exclusive). */
export function monthsBetween(start: number, end: number): Period[] {
  const out: Period[] = [];
  for (let t = start; t < end; ) {
    const d = new Date(t);
    out.push(parsePeriod(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`));
    t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return out;
}
