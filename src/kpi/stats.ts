/** Statistics for rates. */

const Z95 = 1.959963984540054;

/**
 * 95% Wilson score interval for x successes out of n (n may be fractional, e.g. an average
 * headcount). Better than the normal approximation near 0 and 1 and for small n.
 */
export function wilson(x: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = Math.min(1, Math.max(0, x / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
