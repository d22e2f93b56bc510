/**
 * The bulk engine's cell SQL (src/ingest/bulk/cell-sql.ts) against the validator's readers
 * (`spec.read`), cell by cell, on a generated corpus of every form the README lists, valid and
 * not, plus seeded random strings over the characters dates, amounts and labels are made of.
 * The contract: whatever the SQL accepts, the validator accepts with the same value (never a
 * wrong value on the fast path); whatever the validator refuses, the SQL refuses; and every
 * listed form is accepted by the SQL too (else its rows would all take the slow path).
 */
import { describe, expect, it } from 'vitest';
import { duckdbForTests } from '../helpers.ts';
import { Invalid, NULL_TOKENS, type ColumnSpec } from '../../src/datasets/fields.ts';
import { orders } from '../../src/datasets/orders.ts';
import { surveys } from '../../src/datasets/surveys.ts';
import { staff } from '../../src/datasets/staff.ts';
import { cellSql } from '../../src/ingest/bulk/cell-sql.ts';

const duck = duckdbForTests();

/** The SQL's verdict on each cell: `{ ok, value }`, the cells reaching SQL as the reader gives them (null tokens as NULL). */
async function sqlVerdicts(spec: ColumnSpec, cells: readonly string[]): Promise<{ ok: boolean; value: unknown }[]> {
  const c = cellSql(spec, 'c0', (k) => `x${k}`)!;
  await duck.conn.run('CREATE OR REPLACE TABLE cells (i INTEGER, c0 VARCHAR)');
  const a = await duck.conn.createAppender('cells');
  cells.forEach((cell, i) => {
    a.appendInteger(i);
    if (NULL_TOKENS.has(cell)) a.appendNull();
    else a.appendVarchar(cell);
    a.endRow();
  });
  a.closeSync();
  const from = c.steps.reduce((src, s, k) => `(SELECT *, ${s} AS x${k} FROM ${src})`, 'cells');
  const rows = (await duck.conn.runAndReadAll(`SELECT coalesce(${c.ok}, false), x${c.steps.length - 1} FROM ${from} ORDER BY i`)).getRows();
  return rows.map(([ok, v]) => ({ ok: ok as boolean, value: typeof v === 'bigint' ? Number(v) : v }));
}

/** Compares both readers on `cells`; `lenient` cells (valid, outside the listed forms) may take the slow path. */
async function compare(spec: ColumnSpec, cells: readonly string[], lenient: ReadonlySet<string> = new Set(), fuzz = false) {
  const sql = await sqlVerdicts(spec, cells);
  const wrong: string[] = [];
  cells.forEach((cell, i) => {
    const js = spec.read(cell);
    const s = sql[i]!;
    const jsValid = !(js instanceof Invalid);
    if (s.ok && !jsValid) wrong.push(`${JSON.stringify(cell)}: SQL accepts (${String(s.value)}), validator refuses (${(js as Invalid).reason})`);
    else if (s.ok && s.value !== js) wrong.push(`${JSON.stringify(cell)}: SQL ${String(s.value)}, validator ${String(js)}`);
    else if (!s.ok && jsValid && !fuzz && !lenient.has(cell)) wrong.push(`${JSON.stringify(cell)}: a listed form the SQL sends to the validator (value ${String(js)})`);
  });
  expect(wrong).toEqual([]);
  return sql;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Every accepted shape of one wall time (y-mo-d h:mi:s), valid or not depending on the parts. */
function forms(y: number, mo: number, d: number, h: number, mi: number, s: number): string[] {
  const ymd = `${y}-${pad(mo)}-${pad(d)}`;
  const hm = `${pad(h)}:${pad(mi)}`;
  return [
    ymd, `${ymd} ${hm}`, `${ymd} ${hm}:${pad(s)}`,
    `${ymd}T${hm}:${pad(s)}`, `${ymd}T${hm}`, `${ymd}t${hm}:${pad(s)}z`, `${ymd}T${hm}:${pad(s)}Z`, `${ymd}T${hm}:${pad(s)}+08:00`,
    `${ymd}T${hm}:${pad(s)}+0800`, `${ymd}T${hm}:${pad(s)}-05:30`, `${ymd}T${hm}:${pad(s)}.5`, `${ymd}T${hm}:${pad(s)}.123456+08:00`, `${ymd} ${hm}:${pad(s)},25`,
    `${ymd} ${hm}:${pad(s)} +08:00`,
    `${y}/${mo}/${d}`, `${y}/${mo}/${d} ${h}:${pad(mi)}`, `${y}/${mo}/${d} ${h}:${pad(mi)}:${pad(s)}`, `${y}.${mo}.${d}`, `${y}-${mo}-${d} ${h}:${pad(mi)}`,
    `${y}年${mo}月${d}日`, `${y}年${mo}月${d}号`, `${y}年${mo}月${d}日 ${h}:${pad(mi)}`, `${y}年${mo}月${d}日 ${h}时${pad(mi)}分`, `${y}年${mo}月${d}日${h}点${pad(mi)}分${pad(s)}秒`,
    `${y} 年 ${mo} 月 ${d} 日`, `${y}年${mo}月${d}日 ${h}：${pad(mi)}：${pad(s)}`,
    `${y}${pad(mo)}${pad(d)}`, `${y}${pad(mo)}${pad(d)} ${hm}`, `${y}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}${pad(s)}`,
    ` ${ymd} ${hm} `, `\u3000${y}/${mo}/${d}\u00a0`, `${ymd}\u3000${hm}`,
  ];
}

const TIMES: [number, number, number, number, number, number][] = [
  [2026, 7, 5, 14, 3, 0], [2026, 1, 1, 0, 0, 0], [2026, 12, 31, 23, 59, 59], [2024, 2, 29, 8, 5, 9], [2000, 2, 29, 12, 0, 0], [1999, 12, 31, 23, 59, 59],
  [1969, 12, 31, 23, 0, 1], [2026, 4, 30, 9, 30, 0],
  // Not real: day past the month's end, month 13, hour 24, minute 60, second 60, 1900 and 2026 are no leap years.
  [2026, 2, 30, 10, 0, 0], [2026, 13, 1, 10, 0, 0], [2026, 7, 5, 24, 0, 0], [2026, 7, 5, 10, 60, 0], [2026, 7, 5, 10, 0, 60], [1900, 2, 29, 1, 0, 0], [2026, 2, 29, 1, 0, 0],
  [2026, 0, 10, 1, 0, 0], [2026, 6, 31, 1, 0, 0], [2026, 6, 0, 1, 0, 0],
];

const EXCEL = ['46208', '46208.5', '46208.999999', '20000', '80000', '45000.25', '19999', '80001', '4620', '462080', '46208.', '46208.5.1'];
const NOT_DATES = ['', '-', ' -- ', 'N/A', '#N/A', 'null', 'abc', '2026-7', '2026/07', '2026-07-05 14', '2026-07-05 14:3', '2026-07-05T', '2026-07-05 14:03:00 PM',
  '05/07/2026', '2026-07-05T14:03:00+8', '2026-07-05T14:03:00+25:00', '2026-07-05T14:03:00Z+08:00', '2026年7月', '年月日', '2026--07-05', '２０２６-07-05', '2026-07-05\u200b',
  '0050-01-01', '0999-07-05 10:00', '1e4', '+46208', '46,208', '  ', '\t'];
// Valid to the validator but outside the README's forms: DuckDB leaves them to it (two-digit-century years).
const LENIENT_DATES = new Set(['0050-01-01']);

const col = (d: { columns: Record<string, ColumnSpec> }, name: string) => d.columns[name]!;

describe('cell SQL = validator, cell by cell', () => {
  const dateCells = [...TIMES.flatMap((t) => forms(...t)), ...EXCEL, ...NOT_DATES];

  it('timestamps: every form of real and impossible times, Excel serials, offsets, null tokens', async () => {
    // Spot values worked by hand (local ms = wall time as UTC): 2026-07-05 14:03 = Date.UTC(2026, 6, 5, 14, 3)
    // = 1783260180000; the same instant written 06:03Z is 14:03 in Shanghai; serial 46208 = 1899-12-30 + 46208 days = 2026-07-05.
    const spec = col(orders, 'ordered_at');
    const sql = await compare(spec, dateCells, LENIENT_DATES);
    const at = (cell: string) => sql[dateCells.indexOf(cell)]!;
    expect(at('2026/7/5 14:03').value).toBe(1783260180000);
    expect(at('2026-07-05T14:03:00Z').value).toBe(1783260180000 + 8 * 3600_000);
    expect(at('46208').value).toBe(Date.UTC(2026, 6, 5));
    expect(at('2026-02-30').ok).toBe(false);
    expect(dateCells.length).toBeGreaterThan(500);
  });

  it('the same for an optional timestamp (empty is fine) and for dates (the day only)', async () => {
    await compare(col(orders, 'completed_at'), dateCells, LENIENT_DATES);
    const hired = Object.values(staff.columns).find((s) => s.kind === 'date')!;
    const sql = await compare(hired, dateCells, LENIENT_DATES);
    // 1969-12-31 23:00:01 is before 1970: its day starts at -86400000 (floor, not truncation).
    expect(sql[dateCells.indexOf('1969-12-31 23:00:01')]!.value).toBe(-86_400_000);
  });

  it('amounts as exported, labels and yes/no words in any case and spacing, text trimmed', async () => {
    await compare(col(orders, 'amount'), ['120', '¥120', '￥1,200.50', '8800元', '¥ 99.9 ', '0', '0.000001', '007', ' 12 ', '1,2,3', '', '-', 'abc', '-5', '¥', '¥-5', '1.2.3',
      '1e3', '.5', '5.', '+5', '0x10', 'Infinity', '1200 元', '元'], new Set(['1e3', '.5', '5.', '+5', '0x10', '¥', '元', '1200 元']));
    const status = col(orders, 'status');
    await compare(status, ['已完成', ' 已完成 ', '完成', 'completed', 'Completed', 'COMPLETED', 'in_service', 'IN-SERVICE', 'in service', 'In_Service', '服务中', '已 取消',
      '待上门', '\u3000已预约', 'complete', '未知', '', '-', 'completed!', 'ｃｏｍｐｌｅｔｅｄ', 'İn_service'], new Set(['ｃｏｍｐｌｅｔｅｄ']));
    await compare(col(orders, 'is_member'), ['是', '否', 'Y', 'n', 'YES', 'No', 'True', 'false', '1', '0', '√', '×', '会员', '非会员', ' 是 ', 'yes ', 'ye s', '有', '没有', 'x', '2', '']);
    const score = Object.values(surveys.columns).find((s) => s.kind === 'integer' && s.literals)!;
    await compare(score, ['5', '1', '3分', '非常满意', '满意', '一般', '不满意', 'Very Satisfied', 'very_satisfied', 'NEUTRAL', '6', '0', '5.0', '五', ' 4 ', '', '-'], new Set(['5.0']));
    await compare(col(orders, 'branch'), ['朝阳店', ' 朝阳店 ', '\u3000海淀店\u3000', 'a'.repeat(100), 'a'.repeat(101), '', '-', ' N/A ', '"quoted"', '=1+1', '店\n二']);
    await compare(col(orders, 'order_id'), ['O1', ' O1', '', ' ', '-', '—']);
  });

  it('never accepts what the validator refuses, nor with another value, on random strings of the same characters', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = [...'0123456789012345678901234567890123456789-/.:T Z+,年月日时分秒号点', '\u3000', '¥', '元'];
    const cells = Array.from({ length: 20000 }, () => Array.from({ length: 4 + Math.floor(rand() * 18) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
    // Near-misses of real values: one character changed in a valid form.
    for (const f of forms(2026, 7, 5, 14, 3, 0)) for (let i = 0; i < f.length; i++) cells.push(f.slice(0, i) + alphabet[(i * 7) % alphabet.length] + f.slice(i + 1));
    await compare(col(orders, 'ordered_at'), cells, new Set(), true);
    await compare(col(orders, 'amount'), cells, new Set(), true);
  });
});
