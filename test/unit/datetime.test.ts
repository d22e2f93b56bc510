import { describe, expect, it } from 'vitest';
import { formatLocalTimestamp, parseLocalTimestamp } from '../../src/lib/datetime.ts';

const fmt = (s: string) => {
  const t = parseLocalTimestamp(s);
  return t === null ? null : formatLocalTimestamp(t);
};

describe('parseLocalTimestamp', () => {
  it.each([
    ['2026-07-05', '2026-07-05 00:00:00'],
    ['2026/7/5 14:03', '2026-07-05 14:03:00'],
    ['2026/07/05 9:03:07', '2026-07-05 09:03:07'],
    ['2026.7.5', '2026-07-05 00:00:00'],
    ['2026年7月5日', '2026-07-05 00:00:00'],
    ['2026年7月5日 14:03', '2026-07-05 14:03:00'],
    ['2026-07-05T14:03:00+08:00', '2026-07-05 14:03:00'],
    // 06:03 UTC is 14:03 in Shanghai.
    ['2026-07-05T06:03:00Z', '2026-07-05 14:03:00'],
    // 01:03 at -05:00 is 06:03 UTC, 14:03 in Shanghai.
    ['2026-07-05T01:03:00-0500', '2026-07-05 14:03:00'],
    ['20260705', '2026-07-05 00:00:00'],
    // Excel serial 46208 = 2026-07-05 (days since 1899-12-30); .5 = noon.
    ['46208', '2026-07-05 00:00:00'],
    ['46208.5', '2026-07-05 12:00:00'],
    ['  2026-07-05 14:03:00  ', '2026-07-05 14:03:00'],
  ])('%s → %s', (input, expected) => {
    expect(fmt(input)).toBe(expected);
  });

  it.each(['2026-02-30', '2026/13/5', '2026-07-05 24:00', 'yesterday', '7/5/2026', '12345', '', '2026-07-05 14:60'])('rejects %j', (input) => {
    expect(parseLocalTimestamp(input)).toBeNull();
  });
});

describe('calendar arithmetic without Date objects', () => {
  it('gives what Date.UTC gives for every day of 1899–2101 and rejects days past the month end, as the Date round trip did', () => {
    let checked = 0;
    for (let y = 1899; y <= 2101; y++) {
      for (let mo = 1; mo <= 12; mo++) {
        for (let d = 1; d <= 31; d++) {
          const text = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} 13:45:07`;
          const t = Date.UTC(y, mo - 1, d, 13, 45, 7);
          const real = new Date(t).getUTCDate() === d;
          expect(parseLocalTimestamp(text), text).toBe(real ? t : null);
          checked++;
        }
      }
    }
    expect(checked).toBe(203 * 12 * 31);
  });
  it('keeps far years and the slow formats consistent with the fast one', () => {
    for (const [a, b] of [['0999-03-01', '0999/3/1'], ['2400-02-29', '2400年2月29日'], ['1600-02-29 00:00', '1600/2/29 0:00']] as const) {
      expect(parseLocalTimestamp(a)).toBe(parseLocalTimestamp(b));
      expect(parseLocalTimestamp(a)).not.toBeNull();
    }
    expect(parseLocalTimestamp('2100-02-29')).toBeNull();
    expect(parseLocalTimestamp('0999-03-01')).toBe(Date.UTC(999, 2, 1));
  });
});
