/**
 * Spreadsheet inputs: each sheet a source (`file.xlsx#sheet`), date cells converted exactly in
 * both date systems, sheet row numbers as lines, title and summary rows, empty sheets, files
 * that are not workbooks; and the same rows as the CSV export of the same data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { ingest } from '../../src/ingest/ingest.ts';
import { serialText } from '../../src/ingest/workbook.ts';
import { generate } from '../../src/sample/generate.ts';
import { writeFormat } from '../../src/bench/formats.ts';
import { arrowRows, cleanup, silentEffects, tempDir } from '../helpers.ts';

afterAll(cleanup);

const opts = (d: string, strict = false) => ({ inDir: join(d, 'in'), outDir: join(d, 'out'), asOf: '2026-11-20 12:00', salt: 's', full: true, ...(strict ? { strict: true } : {}) });

const date = (serial: number, z = 'yyyy/m/d h:mm') => ({ t: 'n', v: serial, z });
// 2026-07-05 = serial 46208 (1900 system; 1899-12-30 + 46208 days); 14:03 = 843/1440 of a day.
const JUL5 = 46208;
const AT_1403 = JUL5 + 843 / 1440;

function workbook(sheets: Record<string, unknown[][]>, date1904 = false): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

const ORDER_HEADER = ['门店', '订单编号', '客户编号', '服务类型', '下单时间', '完成时间', '订单状态', '金额'];
const orderSheet = (offset: number) => [
  ['某某家政服务有限公司 订单明细'],
  ['导出时间：2026-11-20'],
  ORDER_HEADER,
  ['朝阳店', 'O1', 'C1', '日常保洁', date(AT_1403 - offset), date(AT_1403 - offset + 3 / 24), '已完成', 120],
  ['海淀店', 'O2', 1002, '月嫂', date(JUL5 + 1 - offset, 'yyyy"年"m"月"d"日"'), null, '待服务', 8800.5],
  ['朝阳店', 'O3', 'C1', '开荒保洁', '2026/8/1 9:30', '2026年8月1日 15:30', '已完成', '¥600'],
  ['朝阳店', 'O4', 'C3', '日常保洁', '不是日期', null, '已完成', 100],
  [],
  ['合计', null, null, null, null, null, null, 9620.5],
];
const COMPLAINTS = [
  ['投诉编号', '订单编号', '门店', '投诉时间', '投诉类别', '处理状态'],
  ['T1', 'O1', '朝阳店', date(AT_1403 + 1), '服务质量', '处理中'],
];

describe('spreadsheet inputs', () => {
  it('reads each sheet as a source: titles skipped, date cells exact, sheet row numbers, 合计 listed, empty sheet warned', async () => {
    const d = await tempDir();
    await mkdir(join(d, 'in'), { recursive: true });
    await writeFile(join(d, 'in', '导出.xlsx'), workbook({ 订单: orderSheet(0), 投诉记录: COMPLAINTS, Sheet3: [] }));
    const fx = silentEffects();
    const { manifest, rejects } = await ingest(opts(d), fx);
    const f = manifest.datasets.orders!.files[0]!;
    expect(f.name).toBe('导出.xlsx#订单');
    expect([f.encoding, f.header_line]).toEqual(['workbook', 3]);
    expect(f.skipped_lines.map((l) => l.line)).toEqual([1, 2]);
    // Row 9 (after the blank row 8) is the 合计 row; rows 4–7 are data: 3 accepted, 1 (row 7) rejected.
    expect(f.summary_rows).toEqual([{ line: 9, label: '合计' }]);
    expect([f.rows_read, f.rows_accepted, f.rows_rejected]).toEqual([4, 3, 1]);
    expect(rejects.filter((r) => r.dataset === 'orders').map((r) => [r.file, r.line, r.column])).toEqual([['导出.xlsx#订单', 7, 'ordered_at']]);
    const rows = await arrowRows(join(d, 'out'), 'orders');
    // 14:03 on 2026-07-05 as local ms: Date.UTC(2026, 6, 5, 14, 3); completed 3 h later; O2 is a date cell without time.
    expect(rows.map((r) => [r.order_id, r.ordered_at, r.completed_at, r.amount, r.source_line])).toEqual([
      ['O1', Date.UTC(2026, 6, 5, 14, 3), Date.UTC(2026, 6, 5, 17, 3), 120, 4],
      ['O2', Date.UTC(2026, 6, 6), null, 8800.5, 5],
      ['O3', Date.UTC(2026, 7, 1, 9, 30), Date.UTC(2026, 7, 1, 15, 30), 600, 6],
    ]);
    expect(manifest.datasets.complaints!.files.map((x) => [x.name, x.rows_accepted])).toEqual([['导出.xlsx#投诉记录', 1]]);
    expect(fx.lines.some((l) => l.includes('导出.xlsx#Sheet3: empty sheet'))).toBe(true);
    expect(manifest.unrecognised_files).toEqual([]);
  });

  it('reads the 1904 date system to the same times', async () => {
    const d = await tempDir();
    await mkdir(join(d, 'in'), { recursive: true });
    // The 1904 system counts from 1904-01-01: the same day is 1462 serials earlier.
    await writeFile(join(d, 'in', 'orders.xlsx'), workbook({ Sheet1: orderSheet(1462) }, true));
    await ingest(opts(d), silentEffects());
    expect((await arrowRows(join(d, 'out'), 'orders')).map((r) => r.ordered_at)).toEqual([Date.UTC(2026, 6, 5, 14, 3), Date.UTC(2026, 6, 6), Date.UTC(2026, 7, 1, 9, 30)]);
  });

  it('converts serials as Excel counts them (its 1900-02-29 that never was)', () => {
    expect(serialText(1, false)).toBe('1900-01-01');
    expect(serialText(59, false)).toBe('1900-02-28');
    expect(serialText(60, false)).toBe('1900-02-29');
    expect(serialText(61, false)).toBe('1900-03-01');
    expect(serialText(AT_1403, false)).toBe('2026-07-05 14:03:00');
    expect(serialText(0, true)).toBe('1904-01-01');
  });

  it('gives the same rows as the CSV export of the same data (every dataset)', async () => {
    const d = await tempDir();
    const data = generate({ orders: 600, seed: 5 });
    const csv = await writeFormat(join(d, 'csv'), 'canonical', data, 'company');
    const xlsx = await writeFormat(join(d, 'xlsx'), 'xlsx', data, 'company');
    const a = await ingest({ ...opts(d), inDir: csv.inDir, outDir: join(d, 'out-csv') }, silentEffects());
    const b = await ingest({ ...opts(d), inDir: xlsx.inDir, outDir: join(d, 'out-xlsx') }, silentEffects());
    for (const name of Object.keys(a.manifest.datasets) as (keyof typeof a.manifest.datasets)[]) {
      const [ma, mb] = [a.manifest.datasets[name]!, b.manifest.datasets[name]!];
      expect([mb.rows_read, mb.rows_accepted, mb.rows_rejected, mb.rows_superseded]).toEqual([ma.rows_read, ma.rows_accepted, ma.rows_rejected, ma.rows_superseded]);
      expect(mb.rows_read).toBe(mb.rows_accepted + mb.rows_rejected + mb.rows_superseded);
      // Same values and lines; only the source's name differs (orders.csv, orders.xlsx#服务订单).
      const withoutFile = (rows: Record<string, unknown>[]) => rows.map(({ source_file: _f, ...r }) => r);
      expect(withoutFile(await arrowRows(join(d, 'out-xlsx'), name))).toEqual(withoutFile(await arrowRows(join(d, 'out-csv'), name)));
    }
    expect(a.manifest.datasets.orders!.rows_read).toBe(600);
  });

  it('lists a file that is not a readable workbook, warns, and fails --strict', async () => {
    const d = await tempDir();
    await mkdir(join(d, 'in'), { recursive: true });
    await writeFile(join(d, 'in', 'orders.xlsx'), workbook({ 订单: orderSheet(0) }));
    await writeFile(join(d, 'in', '损坏.xlsx'), 'PK\u0003\u0004 not really a zip');
    const fx = silentEffects();
    const { manifest } = await ingest(opts(d), fx);
    expect(manifest.unrecognised_files).toEqual(['损坏.xlsx']);
    expect(fx.lines.some((l) => l.includes('损坏.xlsx: cannot be read as a workbook'))).toBe(true);
    await expect(ingest(opts(d, true), silentEffects())).rejects.toThrow(/1 file\(s\) not recognised \(损坏\.xlsx\)/);
  });
});
