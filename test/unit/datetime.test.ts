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
