/**
 * The optional datasets (staff satisfaction surveys, inspections, incidents) go through the same
 * ingest as the others: a GB18030 export with Chinese headers and labels gives exactly the rows
 * of its UTF-8/English twin, and dirty rows are rejected one by one with line and reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DatasetName } from '../../src/datasets/define.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const ORDERS = 'order_id,customer_id,is_member,branch,service_type,staff_id,ordered_at,completed_at,status\nO1,C1,false,朝阳店,daily_cleaning,S1,2026-07-01 08:00,2026-07-01 12:00,completed';
const opts = (inDir: string, outDir: string) => ({ inDir, outDir, asOf: '2026-11-20 12:00', salt: 'test-salt' });

const EN = {
  'orders.csv': ORDERS,
  'staff_surveys.csv': [
    'response_id,staff_id,branch,submitted_at,overall,comment',
    'R1,S1,朝阳店,2026-06-16 10:00:00,5,排班合理',
    'R2,,海淀店,2026-06-17 09:30:00,2,',
  ].join('\r\n'),
  'inspections.csv': [
    'inspection_id,order_id,branch,staff_id,inspected_at,method,item,passed,note',
    'I1,O1,朝阳店,S1,2026-07-01 13:00:00,supervisor,kitchen,true,客户在场',
    'I2,O1,朝阳店,S1,2026-07-01 13:00:00,mystery_shopper,conduct,false,',
  ].join('\r\n'),
  'incidents.csv': [
    'incident_id,occurred_at,reported_at,closed_at,branch,staff_id,order_id,type,severity',
    'N1,2026-07-01 10:00:00,2026-07-01 15:00:00,2026-07-10 10:00:00,朝阳店,S1,O1,property,low',
    'N2,2026-08-05 10:00:00,,,海淀店,,,injury,high',
  ].join('\r\n'),
};

// The same rows as a Chinese export: other column order, Chinese labels and Excel dates.
const ZH = {
  '订单.csv': ORDERS,
  '员工满意度调查.csv': [
    '门店,问卷编号,员工编号,提交时间,总体满意度,意见建议',
    '朝阳店,R1,S1,2026/6/16 10:00,非常满意,排班合理',
    '海淀店,R2,,2026年6月17日 9:30,不满意,',
  ].join('\r\n'),
  '质量检查.csv': [
    '检查编号,订单编号,门店,服务人员编号,检查时间,检查方式,检查项目,检查结果,备注',
    'I1,O1,朝阳店,S1,2026/7/1 13:00,领班检查,厨房,合格,客户在场',
    'I2,O1,朝阳店,S1,2026/7/1 13:00,神秘顾客,服务规范,不合格,',
  ].join('\r\n'),
  '安全事故.csv': [
    '事故编号,门店,发生时间,上报时间,结案时间,服务人员编号,订单编号,事故类型,严重程度',
    'N1,朝阳店,2026/7/1 10:00,2026/7/1 15:00,2026年7月10日 10:00,S1,O1,财产损失,轻微',
    'N2,海淀店,2026/8/5 10:00,,,,,人身伤害,严重',
  ].join('\r\n'),
};

describe('optional datasets: ingest', () => {
  it('GB18030 files with Chinese headers give exactly the rows of their UTF-8/English twins', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeFiles(join(a, 'in'), EN);
    await writeFiles(join(b, 'in'), Object.fromEntries(Object.entries(ZH).map(([k, v]) => [k, { text: v, gb18030: true }])));
    const ra = await ingest(opts(join(a, 'in'), join(a, 'out')), silentEffects());
    const rb = await ingest(opts(join(b, 'in'), join(b, 'out')), silentEffects());
    expect(rb.manifest.datasets.incidents!.files[0]!.encoding).toBe('gb18030');
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ source_file: _f, ...rest }) => rest);
    for (const d of ['staff_surveys', 'inspections', 'incidents'] as const) {
      expect(ra.manifest.datasets[d]!.rows_accepted, d).toBe(2);
      expect(strip(await arrowRows(join(b, 'out'), d)), d).toEqual(strip(await arrowRows(join(a, 'out'), d)));
    }
    const sv = await arrowRows(join(a, 'out'), 'staff_surveys');
    // Comments are personal free text: dropped, like customer comments.
    expect(sv.map((r) => [r.response_id, r.staff_id, r.overall, 'comment' in r])).toEqual([['R1', 'S1', 5, false], ['R2', null, 2, false]]);
    const ins = await arrowRows(join(a, 'out'), 'inspections');
    expect(ins.map((r) => [r.method, r.item, r.passed, 'note' in r])).toEqual([['supervisor', 'kitchen', true, false], ['mystery_shopper', 'conduct', false, false]]);
    const inc = await arrowRows(join(a, 'out'), 'incidents');
    expect(inc.map((r) => [r.type, r.severity, r.reported_at === null])).toEqual([['property', 'low', false], ['injury', 'high', true]]);
  });

  it('rejects dirty rows one by one; a company without these files gets no such datasets', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), {
      'orders.csv': ORDERS,
      'staff_surveys.csv': [
        'response_id,staff_id,branch,submitted_at,overall', // 1
        'R1,S1,朝阳店,2026-06-16 10:00,4', // 2 ok
        'R2,S1,,2026-06-16 10:00,4', // 3 no branch
        'R3,S1,朝阳店,2026-06-16 10:00,0', // 4 score out of range
        'R1,S1,朝阳店,2026-06-17 10:00,5', // 5 duplicate id
      ].join('\n'),
      'inspections.csv': [
        'inspection_id,order_id,branch,inspected_at,method,item,passed', // 1
        'I1,O1,朝阳店,2026-07-01 13:00,supervisor,kitchen,合格', // 2 ok
        'I2,O1,朝阳店,2026-07-01 13:00,drone,kitchen,合格', // 3 unknown method
        'I3,O1,朝阳店,2026-07-01 13:00,supervisor,阳台,合格', // 4 unknown item
        'I4,O404,朝阳店,2026-07-01 13:00,supervisor,floor,合格', // 5 unknown order
        'I5,O1,朝阳店,2026-07-01 13:00,supervisor,floor,', // 6 result missing
      ].join('\n'),
      'incidents.csv': [
        'incident_id,occurred_at,reported_at,branch,type', // 1
        'N1,2026-07-01 10:00,2026-07-01 09:00,朝阳店,injury', // 2 reported before it happened
        'N2,2027-01-01 10:00,,朝阳店,injury', // 3 after the as-of
        'N3,2026-07-01 10:00,2026-07-01 11:00,朝阳店,fire', // 4 unknown type
        'N4,2026-07-01 10:00,2026-07-01 11:00,朝阳店,other', // 5 ok
      ].join('\n'),
    });
    const { manifest, rejects } = await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    expect(rejects.map((r) => [r.dataset, r.line, r.column, r.value, r.reason])).toEqual([
      ['staff_surveys', 3, 'branch', '', 'required value is empty'],
      ['staff_surveys', 4, 'overall', '0', expect.stringMatching(/^not a score 1–5/)],
      ['staff_surveys', 5, 'response_id', 'R1', 'duplicate response_id in the same file (first at line 2)'],
      ['inspections', 3, 'method', 'drone', expect.stringMatching(/^unknown value \(accepted: supervisor\/领班检查/)],
      ['inspections', 4, 'item', '阳台', expect.stringMatching(/^unknown value \(accepted: floor\/地面/)],
      ['inspections', 5, 'order_id', 'O404', 'order_id not found in orders'],
      ['inspections', 6, 'passed', '', 'required value is empty'],
      ['incidents', 2, 'reported_at', '2026-07-01 09:00', 'reported_at is before occurred_at'],
      ['incidents', 3, 'occurred_at', '2027-01-01 10:00', 'occurred_at is after the as-of time'],
      ['incidents', 4, 'type', 'fire', expect.stringMatching(/^unknown value \(accepted: injury\/人身伤害/)],
    ]);
    const counts = (n: DatasetName) => { const m = manifest.datasets[n]!; return [m.rows_read, m.rows_accepted, m.rows_rejected, m.rows_superseded]; };
    expect(counts('staff_surveys')).toEqual([4, 1, 3, 0]);
    expect(counts('inspections')).toEqual([5, 1, 4, 0]);
    expect(counts('incidents')).toEqual([4, 1, 3, 0]);

    const bare = await tempDir();
    await writeFiles(join(bare, 'in'), { 'orders.csv': ORDERS });
    const r = await ingest(opts(join(bare, 'in'), join(bare, 'out')), silentEffects());
    expect(Object.keys(r.manifest.datasets)).not.toContain('incidents');
  });
});
