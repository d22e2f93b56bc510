/** How the sample is split into files, and the broken rows it carries on purpose. */
import type { SampleData } from './generate.ts';
import type { Rec } from './record.ts';
import type { FileSpec } from './write.ts';

const before = (col: string, t: number) => (r: Rec) => (r[col] as number) < t;
const Y2026 = Date.UTC(2026, 0, 1);
const OCT2026 = Date.UTC(2026, 9, 1);

/** Rows that break one rule each; ingest must reject every one, with its reason. */
export function brokenRows(d: SampleData): Record<string, Rec[]> {
  const o = d.orders[0]!;
  const s = d.staff[0]!;
  const c = d.complaints[0]!;
  return {
    orders2025: [
      { ...o, order_id: 'D9000001', service_type: '搬家' },
      { ...o, order_id: 'D9000002', branch: null },
    ],
    orders2026: [
      { ...o, order_id: 'D9000003', ordered_at: Date.UTC(2026, 2, 5, 10), completed_at: Date.UTC(2026, 2, 4, 10) },
      { ...o, order_id: 'D9000004', status: 'completed', completed_at: null },
    ],
    surveys: [
      { ...d.surveys[0]!, survey_id: 'P9000001', overall: 0 },
      { ...d.surveys[0]!, survey_id: 'P9000002', order_id: 'D9999999' },
    ],
    complaints: [
      { ...c, complaint_id: 'T900001', received_at: Date.UTC(2026, 4, 6, 9), closed_at: Date.UTC(2026, 4, 5, 9), status: 'closed', first_response_at: null },
    ],
    staff: [{ ...s, staff_id: 'S90001', hired_at: Date.UTC(2025, 5, 1), left_at: Date.UTC(2025, 4, 1) }],
    trainings: [{ ...d.trainings[0]!, staff_id: 'S99999' }, { ...d.trainings[0]!, topic: '插花' }],
    inspections: [{ ...d.inspections[0]!, inspection_id: 'Q999999-1', item: '阳台' }],
    incidents: [{ ...d.incidents[0]!, incident_id: 'A99999', reported_at: (d.incidents[0]!.occurred_at as number) - 3_600_000 }],
  };
}

/** The committed sample's file layout (messy on purpose). */
export function messyFiles(d: SampleData): FileSpec[] {
  const bad = brokenRows(d);
  const o2025 = d.orders.filter(before('ordered_at', Y2026));
  const o2026 = d.orders.filter((r) => !before('ordered_at', Y2026)(r));
  const o2026a = o2026.filter(before('ordered_at', OCT2026));
  const o2026b = o2026.filter((r) => !before('ordered_at', OCT2026)(r));
  // The first October export lacked callbacks; the update re-exports those orders with them.
  const octWithCallback = o2026b.filter((r) => r.callback_at !== null).slice(0, 300);
  const stale = new Set(octWithCallback.map((r) => r.order_id));
  const o2026bFirst = o2026b.map((r) => (stale.has(r.order_id) ? { ...r, callback_at: null } : r));
  const dupe = o2026a[5]!;
  return [
    { name: '订单-2025.csv', dataset: 'orders', rows: [...o2025, ...bad.orders2025!], style: 'zh', encoding: 'gb18030' },
    { name: 'orders-2026-01-09.csv', dataset: 'orders', rows: [...o2026a, dupe, ...bad.orders2026!], style: 'en', encoding: 'utf-8-bom', extra: { export_batch: 'B1' } },
    { name: 'orders-2026-10-11.csv', dataset: 'orders', rows: o2026bFirst, style: 'en', encoding: 'utf-8' },
    { name: 'orders-2026-11-20-update.csv', dataset: 'orders', rows: octWithCallback, style: 'en', encoding: 'utf-8' },
    { name: '满意度评价-2025.csv', dataset: 'surveys', rows: d.surveys.filter(before('submitted_at', Y2026)), style: 'zh', encoding: 'gb18030' },
    { name: 'surveys-2026.csv', dataset: 'surveys', rows: [...d.surveys.filter((r) => !before('submitted_at', Y2026)(r)), ...bad.surveys!], style: 'en', encoding: 'utf-8' },
    { name: '投诉记录.csv', dataset: 'complaints', rows: [...d.complaints, ...bad.complaints!], style: 'zh', encoding: 'gb18030' },
    { name: '员工档案.csv', dataset: 'staff', rows: [...d.staff, ...bad.staff!], style: 'zh', encoding: 'gb18030' },
    { name: 'trainings.csv', dataset: 'trainings', rows: [...d.trainings, ...bad.trainings!], style: 'en', encoding: 'utf-8' },
    { name: '员工满意度调查.csv', dataset: 'staff_surveys', rows: d.staff_surveys, style: 'zh', encoding: 'gb18030' },
    { name: '质量检查.csv', dataset: 'inspections', rows: [...d.inspections, ...bad.inspections!], style: 'zh', encoding: 'gb18030' },
    { name: 'incidents.csv', dataset: 'incidents', rows: [...d.incidents, ...bad.incidents!], style: 'en', encoding: 'utf-8' },
  ];
}

/** One clean UTF-8 file per dataset (the large benchmark sets). */
export function plainFiles(d: SampleData): FileSpec[] {
  return (Object.keys(d) as (keyof SampleData)[]).map((k) => ({ name: `${k}.csv`, dataset: k, rows: d[k], style: 'en', encoding: 'utf-8' }));
}
