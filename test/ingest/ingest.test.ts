import { afterAll, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../../src/ingest/ingest.ts';
import { IngestError } from '../../src/ingest/types.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const EN_HEADER = 'order_id,customer_id,customer_name,customer_phone,is_member,branch,service_type,staff_id,ordered_at,completed_at,status,amount,callback_at';
const ZH_HEADER = '门店,订单编号,客户编号,客户姓名,联系电话,是否会员,服务类型,服务人员编号,下单时间,完成时间,订单状态,金额,回访时间';

const EN_ORDERS = [
  EN_HEADER,
  'O1,C1,张三,13800000001,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03:00,2026-07-05 17:00:00,completed,120,2026-07-06 10:00:00',
  'O2,C2,李四,13800000002,false,海淀店,maternity_nurse,,2026-07-06 00:00:00,,scheduled,8800,',
  'O3,C1,张三,13800000001,true,朝阳店,deep_cleaning,S2,2026-08-01 09:30:00,2026-08-01 15:30:00,completed,600.5,',
].join('\r\n');

// The same three orders as a Chinese Excel export: other column order, labels, date styles.
const ZH_ORDERS = [
  ZH_HEADER,
  '朝阳店,O1,C1,张三,13800000001,是,日常保洁,S1,2026/7/5 14:03,2026年7月5日 17:00,已完成,¥120,2026/7/6 10:00',
  '海淀店,O2,C2,李四,13800000002,否,月嫂,,2026年7月6日,,待服务,8800元,',
  '朝阳店,O3,C1,张三,13800000001,是,开荒保洁,S2,2026-08-01 09:30,2026/8/1 15:30,已完成,600.50,',
].join('\r\n');

const opts = (inDir: string, outDir: string) => ({ inDir, outDir, asOf: '2026-11-20 12:00', salt: 'test-salt' });

describe('ingest: encodings and headers', () => {
  it('a GB18030 file with Chinese headers gives exactly the rows of its UTF-8/English twin', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeFiles(join(a, 'in'), { 'orders.csv': EN_ORDERS });
    await writeFiles(join(b, 'in'), { '订单导出.csv': { text: ZH_ORDERS, gb18030: true } });
    const ra = await ingest(opts(join(a, 'in'), join(a, 'out')), silentEffects());
    const rb = await ingest(opts(join(b, 'in'), join(b, 'out')), silentEffects());
    expect(rb.manifest.datasets.orders!.files[0]!.encoding).toBe('gb18030');
    expect(ra.manifest.datasets.orders!.rows_accepted).toBe(3);
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ source_file: _f, ...rest }) => rest);
    const rowsA = strip(await arrowRows(join(a, 'out'), 'orders'));
    expect(rowsA).toEqual(strip(await arrowRows(join(b, 'out'), 'orders')));
    expect(rowsA[0]).toMatchObject({ order_id: 'O1', branch: '朝阳店', service_type: 'daily_cleaning', status: 'completed', is_member: true, amount: 120, source_line: 2 });
    expect(rowsA[2]).toMatchObject({ service_type: 'deep_cleaning', amount: 600.5 });
  });

  it('finds the dataset by headers when the file name does not say, and reports unknown files', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { '2026-07 export.csv': EN_ORDERS, 'notes.csv': 'a,b\n1,2\n' });
    const fx = silentEffects();
    const { manifest } = await ingest(opts(join(d, 'in'), join(d, 'out')), fx);
    expect(manifest.datasets.orders!.rows_accepted).toBe(3);
    expect(manifest.unrecognised_files).toEqual(['notes.csv']);
    expect(fx.lines.some((l) => l.includes('notes.csv: not recognised'))).toBe(true);
  });

  it('warns about extra columns and keeps going', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': EN_ORDERS.replace(EN_HEADER, `${EN_HEADER},备注`).replaceAll(/\r\n(O\d[^\r]*)/g, '\r\n$1,x') });
    const fx = silentEffects();
    const { manifest } = await ingest(opts(join(d, 'in'), join(d, 'out')), fx);
    expect(manifest.datasets.orders!.files[0]!.ignored_columns).toEqual(['备注']);
    expect(fx.lines).toContain('warn: orders.csv: ignoring column(s) not used by orders: 备注');
  });
});

describe('ingest: rejects', () => {
  const DIRTY = [
    EN_HEADER, // line 1
    'O1,C1,张三,13800000001,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03,2026-07-05 17:00,completed,120,', // 2 ok
    'O2,C2,李四,13800000002,false,朝阳店,daily_cleaning,S1,2026/13/01 10:00,,scheduled,120,', // 3 bad month
    'O3,C3,王五,13800000003,false,朝阳店,搬家,S1,2026-07-05 10:00,,scheduled,120,', // 4 unknown service
    'O4,C4,赵六,13800000004,false,,daily_cleaning,S1,2026-07-05 10:00,,scheduled,120,', // 5 no branch
    'O5,C5,钱七,13800000005,false,朝阳店,daily_cleaning,S1,2026-07-05 10:00,2026-07-04 10:00,completed,120,', // 6 completed before ordered
    'O6,C6,"孙,\n八",13800000006,false,朝阳店,daily_cleaning,S1,2026-07-05 10:00,,scheduled,120,', // 7-8 ok, quoted newline
    'O7,C7,周九,13800000007,false,朝阳店,daily_cleaning,S1,2026-07-05 10:00,,completed,120,', // 9 completed without time
    'O1,C1,张三,13800000001,true,朝阳店,daily_cleaning,S1,2026-07-05 14:03,,scheduled,120,', // 10 duplicate
    'O8,C8,吴十,13800000008,false,朝阳店,daily_cleaning,S1,2027-01-01 10:00,,scheduled,120,', // 11 future
    'O9,C9,郑一', // 12 short row
    'O10,C10,王二,13800000010,false,朝阳店,daily_cleaning,S1,2026-07-05 10:00,,scheduled,-5,', // 13 negative amount
    'O11,C11,冯三,13800000011,maybe,朝阳店,daily_cleaning,S1,2026-07-05 10:00,,scheduled,120,', // 14 bad boolean
  ].join('\n');
  const SURVEYS = [
    'survey_id,order_id,submitted_at,overall,comment',
    'S1,O1,2026-07-06 09:00,满意,很好', // 2 ok
    'S2,O404,2026-07-06 09:00,5,', // 3 unknown order
    'S3,O1,2026-07-06 09:00,6,', // 4 score out of range
    'S4,O2,2026-07-06 09:00,4,', // 5 order was rejected, so unknown
  ].join('\n');

  it('rejects each bad row with file, line, column, value and reason; the counts balance', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': DIRTY, 'surveys.csv': SURVEYS });
    const { manifest, rejects } = await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    const got = rejects.map((r) => [r.dataset, r.file, r.line, r.column, r.value, r.reason]);
    expect(got).toEqual([
      ['orders', 'orders.csv', 3, 'ordered_at', '2026/13/01 10:00', expect.stringMatching(/^not a date\/time \(accepted: /)],
      ['orders', 'orders.csv', 4, 'service_type', '搬家', expect.stringMatching(/^unknown value \(accepted: daily_cleaning\/日常保洁/)],
      ['orders', 'orders.csv', 5, 'branch', '', 'required value is empty'],
      ['orders', 'orders.csv', 6, 'completed_at', '2026-07-04 10:00', 'completed_at is before ordered_at'],
      ['orders', 'orders.csv', 9, 'completed_at', '', 'status is completed but completed_at is empty'],
      ['orders', 'orders.csv', 10, 'order_id', 'O1', 'duplicate order_id in the same file (first at line 2)'],
      ['orders', 'orders.csv', 11, 'ordered_at', '2027-01-01 10:00', 'ordered_at is after the as-of time'],
      ['orders', 'orders.csv', 12, null, '', 'row has 3 fields, the header has 13'],
      ['orders', 'orders.csv', 13, 'amount', '-5', 'negative amount'],
      ['orders', 'orders.csv', 14, 'is_member', 'maybe', expect.stringMatching(/^not a yes\/no value/)],
      ['surveys', 'surveys.csv', 3, 'order_id', 'O404', 'order_id not found in orders'],
      ['surveys', 'surveys.csv', 4, 'overall', '6', expect.stringMatching(/^not a score 1–5/)],
      ['surveys', 'surveys.csv', 5, 'order_id', 'O2', 'order_id not found in orders'],
    ]);
    const o = manifest.datasets.orders!;
    // 12 records (O6 spans two lines): O1 and O6 accepted, 10 rejected.
    expect([o.rows_read, o.rows_accepted, o.rows_rejected, o.rows_superseded]).toEqual([12, 2, 10, 0]);
    const s = manifest.datasets.surveys!;
    expect([s.rows_read, s.rows_accepted, s.rows_rejected, s.rows_superseded]).toEqual([4, 1, 3, 0]);
    const csv = await readFile(join(d, 'out', 'rejects.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFdataset,file,line,column,value,reason\r\n')).toBe(true);
    // Formula injection: a value starting with "-" is neutralised in the CSV.
    expect(csv).toContain(`orders,orders.csv,13,amount,'-5,negative amount`);
    expect((await arrowRows(join(d, 'out'), 'orders')).map((r) => [r.order_id, r.source_line])).toEqual([['O1', 2], ['O6', 7]]);
  });

  it('a later file supersedes an earlier one by key, counted as superseded', async () => {
    const d = await tempDir();
    const lines = EN_ORDERS.split('\r\n');
    await writeFiles(join(d, 'in'), {
      'orders-2026-07.csv': lines.slice(0, 3).join('\n'),
      'orders-2026-08.csv': [lines[0], lines[1]!.replace('朝阳店', '西城店'), lines[3]].join('\n'),
    });
    const { manifest } = await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    const o = manifest.datasets.orders!;
    expect([o.rows_read, o.rows_accepted, o.rows_rejected, o.rows_superseded]).toEqual([4, 3, 0, 1]);
    expect(o.files.map((f) => [f.name, f.rows_superseded, f.rows_accepted])).toEqual([['orders-2026-07.csv', 1, 1], ['orders-2026-08.csv', 0, 2]]);
    const rows = await arrowRows(join(d, 'out'), 'orders');
    expect(rows.find((r) => r.order_id === 'O1')).toMatchObject({ branch: '西城店', source_file: 'orders-2026-08.csv' });
  });
});

describe('ingest: fatal errors and atomic output', () => {
  it('a missing required column is fatal, names the file and the accepted headers, and keeps the old output', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': EN_ORDERS });
    await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    const before = await readFile(join(d, 'out', 'manifest.json'), 'utf8');
    await writeFiles(join(d, 'in'), { 'orders.csv': EN_ORDERS.replaceAll(',朝阳店', '').replaceAll(',海淀店', '').replace(',branch', '') });
    const run = ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    await expect(run).rejects.toThrow(IngestError);
    await expect(ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects())).rejects.toThrow(
      /orders\.csv: missing required column\(s\) for orders: branch \(branch \/ 门店 \/ 分店/,
    );
    expect(await readFile(join(d, 'out', 'manifest.json'), 'utf8')).toBe(before);
    expect((await readdir(d)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('an unreadable file is fatal and names the file', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': EN_ORDERS });
    await writeFile(join(d, 'in', 'staff.csv'), Buffer.from([0x61, 0x0a, 0xff, 0x80, 0x0a]));
    await expect(ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects())).rejects.toThrow(/staff\.csv: cannot read the file as text/);
  });

  it('--strict fails on any reject and writes nothing', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), { 'orders.csv': `${EN_ORDERS}\r\nO9,C9` });
    await expect(ingest({ ...opts(join(d, 'in'), join(d, 'out')), strict: true }, silentEffects())).rejects.toThrow(/--strict: 1 row\(s\) rejected/);
    await expect(readdir(join(d, 'out'))).rejects.toThrow(/ENOENT/);
  });
});

describe('ingest: personal data', () => {
  it('never writes names, phones or ID numbers; customer ids are salted hashes; comments are dropped', async () => {
    const d = await tempDir();
    const staff = [
      '服务人员编号,姓名,身份证号,手机号,门店,入职日期',
      'S1,韩梅梅,110105198807150027,13912345678,朝阳店,2024-03-01',
      'S2,李雷,11010519900101003X,13987654321,朝阳店,2024/3/2',
    ].join('\n');
    const surveys = 'survey_id,order_id,submitted_at,overall,comment\nS1,O1,2026-07-06 09:00,5,请打我电话13700001111\n';
    await writeFiles(join(d, 'in'), { 'orders.csv': EN_ORDERS, '员工档案.csv': { text: staff, gb18030: true }, 'surveys.csv': surveys });
    await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    const pii = ['张三', '李四', '13800000001', '13800000002', '韩梅梅', '李雷', '110105198807150027', '11010519900101003X', '13912345678', '13987654321', '13700001111', '请打我电话'];
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    for (const f of await readdir(join(d, 'out'))) {
      let text: string;
      if (f.endsWith('.parquet')) {
        const rows = (await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(d, 'out', f)}')`)).getRowObjectsJson();
        text = JSON.stringify(rows);
      } else text = (await readFile(join(d, 'out', f))).toString('utf8');
      for (const p of pii) expect(text.includes(p), `${p} in ${f}`).toBe(false);
    }
    conn.closeSync();
    const orders = await arrowRows(join(d, 'out'), 'orders');
    expect(orders[0]!.customer_id).toMatch(/^[0-9a-f]{16}$/);
    expect(orders[0]!.customer_id).toBe(orders[2]!.customer_id);
    expect(orders[0]!).not.toHaveProperty('customer_name');
    // Birth date and gender come from the ID number before it is dropped.
    const staffRows = await arrowRows(join(d, 'out'), 'staff');
    expect(staffRows.map((r) => [r.staff_id, new Date(r.birth_date as number).toISOString().slice(0, 10), r.gender])).toEqual([
      ['S1', '1988-07-15', 'female'], ['S2', '1990-01-01', 'male'],
    ]);
  });
});
