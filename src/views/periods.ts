/** The periods a user can pick: every month, quarter and year that has data, newest first. */
import { monthsBetween, parsePeriod } from '../kpi/period.ts';
import { parseLocalTimestamp } from '../lib/datetime.ts';

export interface PeriodOptions { month: string[]; quarter: string[]; year: string[] }

/**
 * The first day the filters should offer: the earliest date of any dataset but the staff register,
 * whose dates are hire dates (often years before the first order), else the register's.
 */
export function firstActivityDay(datasets: Partial<Record<string, { name: string; min_date: string | null }>>): string | null {
  const all = Object.values(datasets).filter((d): d is { name: string; min_date: string } => !!d?.min_date);
  const activity = all.filter((d) => d.name !== 'staff');
  return (activity.length > 0 ? activity : all).map((d) => d.min_date).sort()[0] ?? null;
}

/** Periods from the first data day to the as-of time; the running one is included (it is partial). */
export function periodOptions(firstDay: string | null, asOf: number): PeriodOptions {
  const first = firstDay ? parseLocalTimestamp(firstDay) : null;
  if (first === null) return { month: [], quarter: [], year: [] };
  const months = monthsBetween(Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth(), 1), asOf + 1).map((p) => p.id);
  const quarters = [...new Set(months.map((m) => `${m.slice(0, 4)}-Q${Math.floor((+m.slice(5) - 1) / 3) + 1}`))];
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  return { month: months.reverse(), quarter: quarters.reverse(), year: years.reverse() };
}

/** True when the period ends after the as-of time (its numbers are still moving). */
export const isPartial = (id: string, asOf: number): boolean => parsePeriod(id, asOf).end > asOf;
