/**
 * The bulk engine (DuckDB parses and validates; src/ingest/bulk) must give exactly what the
 * JavaScript pipeline gives: the same manifest, rejects (line by line), Arrow rows and types and
 * Parquet rows and types. Checked on the whole sample (GB18030 files, several files per dataset,
 * supersession, every dataset) and on a hostile fixture where most rows are not canonical.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { ingest } from '../../src/ingest/ingest.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const HEADER = 'order_id,customer_id,customer_name,customer_phone,is_member,branch,service_type,staff_id,ordered_at,completed_at,status,amount,callback_at';

/** Runs both engines on `inDir`; returns the bulk run's log lines and rejects after checking every output is the same. */
async function expectSameOutput(inDir: string, asOf: string): Promise<{ lines: string[]; rejects: string }> {
  const d = await tempDir();
  const out = { js: join(d, 'js'), bulk: join(d, 'bulk') };
  await ingest({ inDir, outDir: out.js, asOf, salt: 'eq', full: true, engine: 'js' }, silentEffects());
  const fx = silentEffects();
  await ingest({ inDir, outDir: out.bulk, asOf, salt: 'eq', full: true, engine: 'bulk' }, fx);
  const manifest = async (dir: string) => {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete m.generated_at;
    return m;
  };
  expect(await manifest(out.bulk)).toEqual(await manifest(out.js));
  expect(await readFile(join(out.bulk, 'rejects.csv'), 'utf8')).toBe(await readFile(join(out.js, 'rejects.csv'), 'utf8'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const parquet = async (dir: string, name: string) => {
      const r = await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(dir, `${name}.parquet`)}')`);
      return { columns: r.columnNames(), types: r.columnTypes().map(String), rows: r.getRowsJson() };
    };
    const arrowFiles = (await readdir(out.js)).filter((f) => f.endsWith('.arrow')).map((f) => f.replace('.arrow', ''));
    expect(arrowFiles.length).toBeGreaterThan(0);
    for (const name of arrowFiles) {
      expect(await arrowRows(out.bulk, name), name).toEqual(await arrowRows(out.js, name));
      const schema = async (dir: string) => tableFromIPC(await readFile(join(dir, `${name}.arrow`))).schema.fields.map((f) => `${f.name}: ${String(f.type)}`);
      expect(await schema(out.bulk), name).toEqual(await schema(out.js));
      expect(await parquet(out.bulk, name), name).toEqual(await parquet(out.js, name));
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
  return { lines: fx.lines, rejects: await readFile(join(out.bulk, 'rejects.csv'), 'utf8') };
}

/** Files the bulk engine read and kept (a file it started on and then declined is read by JavaScript). */
const bulkRead = (lines: string[]) => {
  const declined = new Set(lines.filter((l) => l.includes('read by the JavaScript validator')).map((l) => l.trim().split(':')[0]));
  return lines.filter((l) => l.includes('validated in DuckDB')).map((l) => l.slice('reading '.length).split(' (')[0]!).filter((f) => !declined.has(f)).sort();
};

describe('bulk ingest engine', () => {
  it('gives exactly the JavaScript pipeline output on the whole sample (GB18030, several files, supersession)', async () => {
    const { lines } = await expectSameOutput('data/sample', '2026-11-20 12:00');
    // Every dataset the bulk engine takes (no derived columns) went through it, GB18030 files included.
    expect(bulkRead(lines)).toEqual(expect.arrayContaining(['orders-2026-01-09.csv', '订单-2025.csv', '满意度评价-2025.csv', '投诉记录.csv', 'incidents.csv']));
  }, 60_000);

  it('gives the same rows, rejects and line numbers on hostile, mostly non-canonical files', async () => {
    const d = await tempDir();
    const a = [
      HEADER,
      'O1,C1,张三,13800000001,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03:00,2026-07-05 17:00:00,completed,120,2026-07-06 10:00:00',
      'O2,C2,"李, ""四""\n第二行",13800000002,false,"海淀""店",maternity_nurse,,2026-07-06,,scheduled,8800,',
      'O3,C1,张三,13800000001,是,朝阳店,日常保洁,S2,2026/7/5 14:03,2026年7月5日 17:00,已完成,¥120,2026/7/6 10:00',
      '',
      'O1,C9,重复,1,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03:00,2026-07-05 17:00:00,completed,1,',
      'O4,C4,x,1,true,朝阳店,daily_cleaning,S1,2026-02-30 10:00:00,,scheduled,1,',
      'O5,C5,x,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,completed,1,',
      'O6,C6,x,1,true,朝阳店,daily_cleaning,S1,2027-01-01 10:00:00,,scheduled,1,',
      ' O7 ,C7 ,x,1, Y ,  朝阳店,daily_cleaning,-,2026-07-05 10:00,,scheduled,N/A,',
      `O8,C8,x,1,true,${'长'.repeat(101)},daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,`,
      'O9,C9,x,1,true,=HYPERLINK("x")😀,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,"1,200.50",',
      'O10,C10,x,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,-5,',
      'O11,C11,x,1,maybe,朝阳店,unknown_service,S1,20260705,,scheduled,007,',
      'O12,C12,x,1,FALSE,朝阳店,daily_cleaning,S1,2026-07-05T10:00:00+08:00,,scheduled,0.1,',
      'O13,,x,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,',
    ].join('\r\n') + '\r\n';
    const b = [HEADER, 'O1,C1,张三,1,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03:00,2026-07-05 18:00:00,completed,130,', 'O20,C20,x,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,'].join('\n');
    const c = ['门店,订单编号,客户编号,下单时间,订单状态,服务类型', '西城店,O3,C3,2026-08-01 09:30:00,待服务,月嫂', '西城店,O21,C21,2026-08-01 09:30:00,scheduled,cooking'].join('\r\n');
    const surveys = [
      'survey_id,order_id,submitted_at,overall,quality,channel,comment',
      'V1,O1,2026-07-07 10:00:00,5,非常满意,,好',
      'V2,O999,2026-07-07 10:00:00,4,4,,',
      'V3,O6,2026-07-07 10:00:00,3分,,,',
      'V1,O2,2026-07-07 10:00:00,5,5,,',
      'V4,O2,2026-07-07,6,,,',
    ].join('\n');
    await writeFiles(join(d, 'in'), { 'orders-a.csv': { text: a, bom: true }, 'orders-b.csv': b, '订单-c.csv': { text: c, gb18030: true }, 'surveys.csv': surveys });
    const { lines, rejects } = await expectSameOutput(join(d, 'in'), '2026-11-20 12:00');
    expect(bulkRead(lines)).toEqual(['orders-a.csv', 'orders-b.csv', 'surveys.csv', '订单-c.csv']);
    // The fixture reaches every kind of reject (both engines agreeing on them is checked above).
    for (const reason of ['duplicate order_id in the same file (first at line 2)', 'not a date/time', 'status is completed but completed_at is empty',
      'ordered_at is after the as-of time', 'longer than 100 characters', 'negative amount', 'not a yes/no value', 'order_id not found in orders',
      'duplicate survey_id', 'not a score', 'required value is empty']) expect(rejects).toContain(reason);
  }, 60_000);

  it('keeps file order at a size DuckDB reads in parallel (three 100k-row files, repeats, fixes, refusals, quoted line breaks)', async () => {
    // Small fixtures are read by one DuckDB thread; this one is split across threads, where a
    // plan that does not keep row order (once: a long IN list made into a join) shows.
    const d = await tempDir();
    const branches = ['朝阳店', '海淀店', '西城店', '东城店'];
    const statuses = ['completed', 'scheduled', '已完成', 'cancelled'];
    const row = (i: number, f: number) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const status = statuses[(i * 7 + f) % 4]!;
      const done = status === 'completed' || status === '已完成' ? `2026-06-${day} 18:00:00` : '';
      // Every 997th row of file 1 finishes before it starts (a rule refusal); every 1009th has an Excel date (a fix).
      const ordered = f === 1 && i % 1009 === 0 ? `2026/6/${1 + (i % 28)} 9:00` : `2026-06-${day} 09:00:00`;
      const finished = f === 1 && i % 997 === 0 && done ? '2026-05-01 08:00:00' : done;
      const name = f === 2 && i % 4999 === 0 ? '"张\n三"' : `客户${i % 977}`;
      return `O${i},C${i % 50021},${name},138${String(i).padStart(8, '0')},${i % 3 === 0},${branches[i % 4]},daily_cleaning,S${i % 311},${ordered},${finished},${status},${(i % 900) + 0.5},`;
    };
    const file = (from: number, to: number, f: number, extra: string[] = []) => [HEADER, ...Array.from({ length: to - from }, (_, k) => row(from + k, f)), ...extra].join('\n') + '\n';
    await writeFiles(join(d, 'in'), {
      'orders-1.csv': file(0, 100_000, 0),
      'orders-2.csv': file(90_000, 190_000, 1),
      'orders-3.csv': file(180_000, 280_000, 2, [row(200_000, 2), row(250_000, 2)]),
    });
    const { lines } = await expectSameOutput(join(d, 'in'), '2026-11-20 12:00');
    expect(bulkRead(lines)).toEqual(['orders-1.csv', 'orders-2.csv', 'orders-3.csv']);
  }, 180_000);

  it('hands a file that is UTF-8 only at its start (GB18030 past the first 64 KB) to the JavaScript pipeline, which refuses it the same way', async () => {
    const d = await tempDir();
    const rows = Array.from({ length: 1500 }, (_, i) => `O${i},C${i},张三,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,`);
    const text = Buffer.concat([Buffer.from([HEADER, ...rows].join('\n') + '\n'), iconv.encode('O9999,C1,李四,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,\n', 'gb18030')]);
    expect(text.length).toBeGreaterThan(65536);
    await mkdir(join(d, 'in'), { recursive: true });
    await writeFile(join(d, 'in', 'orders.csv'), text);
    const run = async (engine: 'js' | 'bulk') => {
      const fx = silentEffects();
      const error = await ingest({ inDir: join(d, 'in'), outDir: join(d, engine), salt: 'eq', full: true, engine }, fx).then(() => null, (e: Error) => e.message);
      return { error, lines: fx.lines };
    };
    const [js, bulk] = [await run('js'), await run('bulk')];
    expect(js.error).toMatch(/orders\.csv: cannot read the file as text/);
    expect(bulk.error).toBe(js.error);
    // DuckDB's reader or the streamed UTF-8 check, whichever notices first, sends it back.
    expect(bulk.lines.some((l) => l.includes('orders.csv') && /not UTF-8 throughout|DuckDB's reader refused it/.test(l) && l.includes('JavaScript validator'))).toBe(true);
  }, 30_000);

  it('leaves files DuckDB cannot split like the browser (a lone carriage return) to the JavaScript pipeline', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': `${HEADER}\rO1,C1,x,1,true,朝阳店,daily_cleaning,S1,2026-07-05 10:00:00,,scheduled,1,\r` });
    const { lines } = await expectSameOutput(join(d, 'in'), '2026-11-20 12:00');
    expect(bulkRead(lines)).toEqual([]);
    expect(lines.some((l) => l.includes('orders.csv') && l.includes('JavaScript validator'))).toBe(true);
  }, 30_000);
});
