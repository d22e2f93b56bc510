/**
 * Funnel plots for comparing units (companies, branches) on a rate: Spiegelhalter, "Funnel plots
 * for comparing institutional performance", Statistics in Medicine 24 (2005). Each unit's rate
 * is set against its denominator, with 95% and 99.8% limits around the overall rate, so a unit
 * outside the funnel differs by more than chance at its size.
 *
 * Limits: exact binomial with the paper's interpolation (appendix A.1.1). Over-dispersion: the
 * paper's multiplicative adjustment (section 3.5), a winsorised φ from the units' z-scores; with
 * it the limits are the normal ones widened by √φ.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile';
import chisqCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface FunnelUnit { key: string; numerator: number; denominator: number }

/** Fewest units for which 'auto' estimates over-dispersion (the 10% winsorising needs ten to act). */
export const MIN_UNITS_FOR_PHI = 10;

/** Where a unit lies: inside, or beyond the 95% (2 SD) or 99.8% (3 SD) limit, above or below. */
export type FunnelPosition = 'inside' | 'above_95' | 'above_998' | 'below_95' | 'below_998';

export interface FunnelLimits { lo998: number; lo95: number; hi95: number; hi998: number }

export interface FunnelOptions {
  /** The centre line; default the pooled rate Σ numerators / Σ denominators. */
  target?: number;
  /**
   * 'auto': adjust when φ is significantly above 1 (χ² test at 5%) and there are at least
   * MIN_UNITS_FOR_PHI units (with fewer, one outlier alone inflates φ and hides itself);
   * 'off': never; 'on': whenever φ > 1.
   */
  overdispersion?: 'auto' | 'off' | 'on';
}

export interface Funnel {
  p0: number;
  /** The over-dispersion factor used (1 when not adjusted) and the estimate it came from. */
  phi: number;
  phi_estimate: number;
  adjusted: boolean;
  method: string;
  units: (FunnelUnit & { rate: number; position: FunnelPosition } & FunnelLimits)[];
  /** The limits at any denominator n (for drawing the funnel's lines). */
  limitsAt(n: number): FunnelLimits;
}

/** Exact binomial limit for probability `p` at size `n` around `p0`: (r_p − α) / n (appendix A.1.1). */
export function binomialLimit(p: number, n: number, p0: number): number {
  const r = binomialQuantile(p, n, p0); // smallest r with P(R ≤ r) ≥ p
  const at = binomialCdf(r, n, p0);
  const below = r > 0 ? binomialCdf(r - 1, n, p0) : 0;
  const alpha = at === below ? 0 : (at - p) / (at - below);
  return Math.min(1, Math.max(0, (r - alpha) / n));
}

const clamp = (v: number) => Math.min(1, Math.max(0, v));

/** The four limits at `n`: exact binomial, or normal widened by √φ when over-dispersion is adjusted. */
export function funnelLimits(size: number, p0: number, phi = 1): FunnelLimits {
  // A denominator may be fractional (an average headcount); the binomial needs whole trials.
  const n = Math.max(1, Math.round(size));
  if (phi > 1) {
    const sd = Math.sqrt((phi * p0 * (1 - p0)) / n);
    const z95 = normalQuantile(0.975, 0, 1), z998 = normalQuantile(0.999, 0, 1);
    return { lo998: clamp(p0 - z998 * sd), lo95: clamp(p0 - z95 * sd), hi95: clamp(p0 + z95 * sd), hi998: clamp(p0 + z998 * sd) };
  }
  return { lo998: binomialLimit(0.001, n, p0), lo95: binomialLimit(0.025, n, p0), hi95: binomialLimit(0.975, n, p0), hi998: binomialLimit(0.999, n, p0) };
}

/**
 * The paper's φ: the mean squared z-score after winsorising the lowest and highest 10% of
 * z-scores to the 10th and 90th percentile values, so a few outliers do not inflate it.
 */
export function overdispersion(units: readonly FunnelUnit[], p0: number): number {
  const z = units.map((u) => (u.numerator / u.denominator - p0) / Math.sqrt((p0 * (1 - p0)) / u.denominator)).sort((a, b) => a - b);
  if (z.length === 0) return 1;
  const k = Math.floor(z.length * 0.1);
  const lo = z[k]!, hi = z[z.length - 1 - k]!;
  return z.reduce((s, v) => s + Math.min(hi, Math.max(lo, v)) ** 2, 0) / z.length;
}

function position(rate: number, l: FunnelLimits): FunnelPosition {
  if (rate > l.hi998) return 'above_998';
  if (rate > l.hi95) return 'above_95';
  if (rate < l.lo998) return 'below_998';
  if (rate < l.lo95) return 'below_95';
  return 'inside';
}

/** The funnel of `units` (those with a denominator of at least 1). */
export function funnel(units: readonly FunnelUnit[], opts: FunnelOptions = {}): Funnel {
  const ok = units.filter((u) => u.denominator >= 1 && u.numerator >= 0 && u.numerator <= u.denominator);
  const num = ok.reduce((s, u) => s + u.numerator, 0), den = ok.reduce((s, u) => s + u.denominator, 0);
  const p0 = opts.target ?? (den > 0 ? num / den : 0);
  const degenerate = p0 <= 0 || p0 >= 1;
  const estimate = degenerate ? 1 : overdispersion(ok, p0);
  const mode = opts.overdispersion ?? 'auto';
  // Under no over-dispersion I·φ is χ² with I − 1 degrees of freedom (p0 estimated from the units):
  // above its 95th percentile, that is where its CDF passes 0.95 (the CDF needs no inverse of the
  // incomplete gamma, whose package brings a logger that costs every page 10 ms at load).
  const significant = ok.length > 1 && chisqCdf(ok.length * estimate, ok.length - 1) > 0.95;
  const adjusted = !degenerate && estimate > 1 && (mode === 'on' || (mode === 'auto' && significant && ok.length >= MIN_UNITS_FOR_PHI));
  const phi = adjusted ? estimate : 1;
  const limitsAt = (n: number) => (degenerate ? { lo998: p0, lo95: p0, hi95: p0, hi998: p0 } : funnelLimits(n, p0, phi));
  return {
    p0, phi, phi_estimate: estimate, adjusted,
    method: adjusted ? 'normal limits widened by √φ (Spiegelhalter 2005, §3.5)' : 'exact binomial limits (Spiegelhalter 2005, A.1.1)',
    units: ok.map((u) => {
      const l = limitsAt(u.denominator);
      const rate = u.numerator / u.denominator;
      return { ...u, rate, ...l, position: position(rate, l) };
    }),
    limitsAt,
  };
}
