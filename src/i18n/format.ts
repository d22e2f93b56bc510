/** Locale-aware formatting of KPI values for pages (zh-CN default, en). */
export type Lang = 'zh' | 'en';

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

// Making an Intl.NumberFormat costs far more than formatting with one (a tenth of a page redraw).
const formats = new Map<string, Intl.NumberFormat>();
const nf = (lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat => {
  const key = `${lang}${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(LOCALE[lang], opts)));
  return f;
};

/** Formats a KPI value in its unit: percent, hours or per-1000. */
export function formatKpiValue(v: number | null, unit: string, lang: Lang): string {
  if (v === null || Number.isNaN(v)) return '–';
  if (unit === 'ratio') return nf(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
  if (unit === 'hours') return `${nf(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(v)} ${lang === 'zh' ? '小时' : 'h'}`;
  return nf(lang, { maximumFractionDigits: 2 }).format(v);
}

/** Formats a count with grouping. */
export function formatCount(n: number | null, lang: Lang): string {
  return n === null ? '–' : nf(lang, { maximumFractionDigits: 1 }).format(n);
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
