/** Locale-aware formatting of KPI values for pages (zh-CN default, en). */
import { formatLocale } from 'd3-format';

export type Lang = 'zh' | 'en';

// Not Intl.NumberFormat: the first one a page makes costs 20–40 ms (ICU's number data), on the
// dashboard's critical path; d3-format (already in the page with Plot) costs nothing to start. Both
// languages group by thousands with ',' and write '.' and '-'.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const fixed = new Map<string, (n: number) => string>();
const spec = (s: string) => {
  let f = fixed.get(s);
  if (!f) fixed.set(s, (f = locale.format(s)));
  return f;
};

/**
 * `v` rounded to `digits` decimals as Intl.NumberFormat rounds: half away from zero on the number's
 * shortest decimal form (1.005 → 1.01), not on its binary value (toFixed gives 1.00); `shift` first
 * multiplies by 10^shift exactly (2 for a percentage).
 */
export function roundDecimal(v: number, digits: number, shift = 0): number {
  const a = Math.abs(v);
  const text = String(a);
  let r: number;
  // Exponent forms (below 1e-6, from 1e21) have no ties worth the trouble.
  if (text.includes('e')) r = Math.round(a * 10 ** (digits + shift)) / 10 ** digits;
  else {
    // Rounded on the decimal digits themselves: re-reading a shifted decimal as a double can round it.
    const [int, frac = ''] = text.split('.') as [string, string?];
    const f = frac.padEnd(shift + digits + 1, '0');
    r = (Number(int + f.slice(0, shift + digits)) + (f[shift + digits]! >= '5' ? 1 : 0)) / 10 ** digits;
  }
  return v < 0 ? -r : r;
}

/** Formats a KPI value in its unit: percent, hours or per-1000. */
export function formatKpiValue(v: number | null, unit: string, lang: Lang): string {
  if (v === null || Number.isNaN(v)) return '–';
  if (unit === 'ratio') return `${spec(',.1f')(roundDecimal(v, 1, 2))}%`;
  if (unit === 'hours') return `${spec(',.1f')(roundDecimal(v, 1))} ${lang === 'zh' ? '小时' : 'h'}`;
  return spec(',.2~f')(roundDecimal(v, 2));
}

/** Formats a count with grouping (a fractional one, an average headcount say, to one decimal). */
export function formatCount(n: number | null, _lang: Lang): string {
  return n === null ? '–' : spec(',.1~f')(roundDecimal(n, 1));
}

/** A symbol per status, so a mark reads without colour (commitments scorecards). */
export const STATUS_MARK: Record<string, string> = { met: '✓', missed: '✗', insufficient: '…', no_data: '–', not_applicable: '–', no_target: '' };

export const STATUS_TEXT: Record<string, Record<Lang, string>> = {
  met: { zh: '达标', en: 'Met' },
  missed: { zh: '未达标', en: 'Missed' },
  insufficient: { zh: '样本不足', en: 'Insufficient data' },
  no_target: { zh: '无目标', en: 'No target' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
  no_data: { zh: '无数据', en: 'No data' },
};
