import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { IngestError } from '../../src/ingest/types.ts';
import { summaryLabel } from '../../src/ingest/office-rows.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const ZH_HEADER = '门店,订单编号,客户编号,客户姓名,联系电话,是否会员,服务类型,服务人员编号,下单时间,完成时间,订单状态,金额,回访时间';
const ROWS = [
  '朝阳店,O1,C1,张三,13800000001,是,日常保洁,S1,2026/7/5 14:03,2026年7月5日 17:00,已完成,¥120,2026/7/6 10:00',
  '海淀店,O2,C2,李四,13800000002,否,月嫂,,2026年7月6日,,待服务,8800元,',
  '朝阳店,O3,C1,张三,13800000001,是,开荒保洁,S2,2026-08-01 09:30,2026/8/1 15:30,已完成,600.50,',
];
// An office export: two title lines and a blank one above the header, a bad row, and a 合计 row
// (amount total) at the end. Lines: 1 title, 2 export time, 3 blank, 4 header, 5–7 rows, 8 bad, 9 合计.
const EXPORT = [
  '某某家政服务有限公司 订单明细',
  '导出时间：2026-11-20 09:00,,,',
  '',
  ZH_HEADER,
  ...ROWS,
  '朝阳店,O4,C3,王五,13800000003,是,日常保洁,S1,不是日期,,已完成,100,',
  '合计,,,,,,,,,,,9520.50,',
].join('\r\n');

const opts = (d: string, engine: 'js' | 'bulk', strict = false) =>
  ({ inDir: join(d, 'in'), outDir: join(d, `out-${engine}`), asOf: '2026-11-20 12:00', salt: 's', engine, full: true, ...(strict ? { strict: true } : {}) });

describe('office exports: title lines, summary rows, other files', () => {
  it('finds the header below title lines and lists the 合计 row without rejecting it (both engines)', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': EXPORT });
    for (const engine of ['js', 'bulk'] as const) {
      const fx = silentEffects();
      const { manifest, rejects } = await ingest(opts(d, engine), fx);
      const f = manifest.datasets.orders!.files[0]!;
      expect(f.header_line).toBe(4);
      expect(f.skipped_lines).toEqual([{ line: 1, text: '某某家政服务有限公司 订单明细' }, { line: 2, text: '导出时间：2026-11-20 09:00' }]);
      expect(f.summary_rows).toEqual([{ line: 9, label: '合计' }]);
      // 4 data rows read (the 合计 row is not one): 3 accepted + 1 rejected.
      expect([f.rows_read, f.rows_accepted, f.rows_rejected]).toEqual([4, 3, 1]);
      expect(rejects.map((r) => [r.line, r.column])).toEqual([[8, 'ordered_at']]);
      expect((await arrowRows(join(d, `out-${engine}`), 'orders')).map((r) => r.source_line)).toEqual([5, 6, 7]);
      expect(fx.lines.some((l) => l.includes('header row on line 4'))).toBe(true);
      expect(fx.lines.some((l) => l.includes('1 summary row(s) (合计, line 9)'))).toBe(true);
    }
  });

  it('a summary row does not fail --strict; a real reject still does', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': [ZH_HEADER, ...ROWS, 'Total,,,,,,,,,,,9520.50,'].join('\n') });
    // Header on line 1: the bulk engine takes this file itself (its validator re-reads the Total row).
    for (const engine of ['js', 'bulk'] as const) {
      const fx = silentEffects();
      const { manifest } = await ingest(opts(d, engine, true), fx);
      expect(fx.lines.some((l) => l.includes('validated in DuckDB'))).toBe(engine === 'bulk');
      const f = manifest.datasets.orders!.files[0]!;
      expect([f.summary_rows, f.rows_read, f.rows_accepted]).toEqual([[{ line: 5, label: 'Total' }], 3, 3]);
    }
    await writeFiles(join(d, 'in'), { 'orders.csv': EXPORT });
    await expect(ingest(opts(d, 'js', true), silentEffects())).rejects.toThrow(/--strict: 1 row\(s\) rejected/);
  });

  it('without a header in the first 30 lines, the error names the closest line', async () => {
    const d = await tempDir();
    const titles = Array.from({ length: 30 }, (_, i) => `标题 ${i + 1}`);
    await writeFiles(join(d, 'in'), { 'orders.csv': [...titles, ZH_HEADER, ...ROWS].join('\n') });
    const err = await ingest(opts(d, 'js'), silentEffects()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect((err as Error).message).toMatch(/orders\.csv: missing required column\(s\) for orders: .* in any of the first 30 lines/);
  });

  it('a row whose first cell is 合计 but which is valid stays a row; only the first cell marks a total', () => {
    expect(summaryLabel(['  合计：', '', '9520'])).toBe('合计：');
    expect(summaryLabel(['', 'TOTAL', '1'])).toBe('TOTAL');
    expect(summaryLabel(['朝阳店', '合计'])).toBeNull();
    expect(summaryLabel(['合计金额说明'])).toBeNull();
  });

  it('files of other types are listed and warned about, and fail --strict', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': [ZH_HEADER, ...ROWS].join('\n'), '说明.pdf': '%PDF-1.4', 'backup.zip': 'PK', '.DS_Store': 'x' });
    const fx = silentEffects();
    const { manifest } = await ingest(opts(d, 'js'), fx);
    expect(manifest.unrecognised_files).toEqual(['backup.zip', '说明.pdf']);
    expect(fx.lines.some((l) => l.includes('说明.pdf: not a file type the ingest reads'))).toBe(true);
    expect(manifest.datasets.orders!.rows_accepted).toBe(3);
    await expect(ingest(opts(d, 'js', true), silentEffects())).rejects.toThrow(/2 file\(s\) not recognised \(backup\.zip, 说明\.pdf\)/);
  });
});
