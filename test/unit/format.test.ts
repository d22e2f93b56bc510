import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { formatCount, formatKpiValue, roundDecimal } from '../../src/i18n/format.ts';
import { periodLabel } from '../../src/i18n/strings.ts';
import { lazyFormatDefault } from '../../src/site/plot-lazy-format.ts';

it('formats KPI values and counts as the pages show them', () => {
  expect(formatKpiValue(0.8125, 'ratio', 'zh')).toBe('81.3%'); // 81.25 → half away from zero
  expect(formatKpiValue(0.85, 'ratio', 'en')).toBe('85.0%');
  expect(formatKpiValue(1, 'ratio', 'zh')).toBe('100.0%');
  expect(formatKpiValue(12.25, 'hours', 'zh')).toBe('12.3 小时');
  expect(formatKpiValue(1234.5, 'hours', 'en')).toBe('1,234.5 h');
  expect(formatKpiValue(1.005, 'per_1000', 'zh')).toBe('1.01'); // toFixed(2) would say 1.00
  expect(formatKpiValue(2.5, 'per_1000', 'zh')).toBe('2.5');
  expect(formatKpiValue(3, 'per_1000', 'zh')).toBe('3');
  expect(formatKpiValue(null, 'ratio', 'zh')).toBe('–');
  expect(formatKpiValue(NaN, 'hours', 'en')).toBe('–');
  expect(formatCount(1234567, 'zh')).toBe('1,234,567');
  expect(formatCount(12.25, 'en')).toBe('12.3');
  expect(formatCount(-0.45, 'en')).toBe('-0.5');
  expect(formatCount(null, 'en')).toBe('–');
  // 0.44999999999999996 is the shortest form: below the tie, down (re-reading 4.4999999999999996 as a double would give 4.5).
  expect(roundDecimal(0.44999999999999996, 1)).toBe(0.4);
  expect(roundDecimal(0.15, 1)).toBe(0.2);
  expect(roundDecimal(-3.45, 1)).toBe(-3.5);
  expect(roundDecimal(0.123456, 1, 2)).toBe(12.3);
});

it('writes what Intl.NumberFormat wrote before, in both languages, for 100,000 values (a negative that rounds to zero loses its sign)', () => {
  const intl = (lang: string, o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, o);
  let seed = 20261207;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const values = [0, 1, 0.0005, 0.00049, 999.995, 1234567.891, 1e-7, 123456789012];
  for (let i = 0; i < 20_000; i++) values.push(Math.round(rnd() * 10000) / 10000, Math.round(rnd() * 1e6) / 1000, rnd() * 1000, Math.round(rnd() * 200) / 8, Math.round(rnd() * 2000) / 1000 - 1);
  const differ: string[] = [];
  for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en-GB']] as const) {
    const pct = intl(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const hours = intl(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const rate = intl(locale, { maximumFractionDigits: 2 });
    const count = intl(locale, { maximumFractionDigits: 1 });
    const h = lang === 'zh' ? '小时' : 'h';
    for (const v of values) {
      for (const [ours, theirs] of [[formatKpiValue(v, 'ratio', lang), pct.format(v)], [formatKpiValue(v, 'hours', lang), `${hours.format(v)} ${h}`], [formatKpiValue(v, 'per_1000', lang), rate.format(v)], [formatCount(v, lang), count.format(v)]]) {
        if (ours !== theirs && !(theirs!.startsWith('-0') && ours === theirs!.slice(1))) differ.push(`${v}: ${ours} ≠ ${theirs}`);
      }
    }
  }
  expect(differ).toEqual([]);
});

it('labels English months without Intl, as en-GB does', () => {
  expect(periodLabel('2026-09', 'en')).toBe('Sept 2026');
  expect(periodLabel('2026-01', 'en')).toBe('Jan 2026');
  expect(periodLabel('2026-12', 'zh')).toBe('2026年12月');
});

it("makes Plot's default number format lazily, and fails loudly if Plot's code changes", async () => {
  const code = await readFile('node_modules/@observablehq/plot/src/format.js', 'utf8');
  const lazy = lazyFormatDefault(code);
  expect(lazy).not.toContain('formatDefault = formatAuto()');
  expect(lazy).toContain('export function formatDefault(v)');
  expect(() => lazyFormatDefault(code.replace('formatAuto();', 'formatAuto("en");'))).toThrow(/no longer has/);
});
