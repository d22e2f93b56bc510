/**
 * Small-cell suppression for published tables. Primary: a count of 1..threshold is withheld.
 * Secondary: when a table publishes its total, a single withheld cell could be recovered by
 * subtraction, so the smallest other non-zero cell is withheld too (or, failing that, the total).
 */

export interface Cell { key: string; count: number }
export interface Suppressed { cells: Map<string, number | null>; total: number | null; reasons: Map<string, 'primary' | 'secondary'> }

/** True when a count must be withheld on its own. */
export const isSmall = (count: number, threshold: number): boolean => count >= 1 && count <= threshold;

/** Applies primary and secondary suppression to one table with its total. */
export function suppressTable(cells: readonly Cell[], total: number, threshold: number): Suppressed {
  const reasons = new Map<string, 'primary' | 'secondary'>();
  for (const c of cells) if (isSmall(c.count, threshold)) reasons.set(c.key, 'primary');
  let hideTotal = isSmall(total, threshold);
  // One withheld cell next to a published total is one subtraction away: withhold a second one.
  if (reasons.size === 1 && !hideTotal) {
    const other = cells.filter((c) => !reasons.has(c.key) && c.count > 0).sort((a, b) => a.count - b.count || a.key.localeCompare(b.key))[0];
    if (other) reasons.set(other.key, 'secondary');
    else hideTotal = true;
  }
  return {
    cells: new Map(cells.map((c) => [c.key, reasons.has(c.key) ? null : c.count])),
    total: hideTotal ? null : total,
    reasons,
  };
}

/** A rate is published only when its denominator is above the threshold (or zero: no data). */
export const rateVisible = (denominator: number | null, threshold: number): boolean => denominator === null || denominator === 0 || denominator > threshold;
