/**
 * Writes the drill-down row partitions (kpi/drill.ts): one Arrow IPC file per dataset and month,
 * so a drill-down fetches only the months its period covers, and their index. The staff KPIs,
 * which are not sums over dated rows, get one file per period the pages can show instead: each
 * person's share of that period's numerator and denominator (KpiDef.rows).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toArrowIpc } from '../ingest/write-arrow.ts';
import { availableKpis } from '../kpi/engine.ts';
import { drillColumns, drillMeta, drillTableSql } from '../kpi/drill.ts';
import { denCol, numCol, type RowsIndex } from '../kpi/drill-rows.ts';
import { kpiRowsQuery, type KpiDef } from '../kpi/define.ts';
import type { Period } from '../kpi/period.ts';
import type { SqlParam, SqlRunner } from '../kpi/runner.ts';
import { ROWS_INDEX, rowsFile } from './site-files.ts';

/** The datasets an additive KPI's facts name rows of (`rowOf` writes `'<dataset>' AS ds`). */
export function factDatasets(k: KpiDef): string[] {
  return [...new Set([...(k.facts ?? '').matchAll(/'(\w+)' AS ds\b/g)].map((m) => m[1]!))];
}

/**
 * Writes every partition into `dir` and returns the index (also written). `params` is one slice's
 * parameters (the site's as-of time and thresholds); `log` hears progress per dataset.
 */
export async function writeRowPartitions(runner: SqlRunner, dir: string, params: readonly SqlParam[], log: (m: string) => void = () => {}, staff?: StaffPeriods): Promise<RowsIndex> {
  const kpis = availableKpis(await runner.tables()).filter((k) => k.facts);
  const datasets = [...new Set(kpis.flatMap(factDatasets))];
  const index: RowsIndex = { v: 2, tables: [] };
  for (const dataset of datasets) {
    const mine = kpis.filter((k) => factDatasets(k).includes(dataset));
    const name = `drill_${dataset}`;
    await runner.query(drillTableSql(name, dataset, mine), params);
    const columns = drillColumns(dataset, mine.map((k) => k.id));
    const months = (await runner.query(`SELECT strftime(_at, '%Y-%m') AS m, count(*) AS n FROM ${name} GROUP BY m ORDER BY m`)).map((r) => [String(r.m), Number(r.n)] as const);
    for (const [month] of months) {
      // A range on `_at` rather than formatting every row's time once per month.
      const rows = await runner.query(`SELECT * FROM ${name} WHERE _at >= CAST($1 AS TIMESTAMP) AND _at < CAST($1 AS TIMESTAMP) + INTERVAL 1 MONTH ORDER BY _at, source_file, source_line`, [`${month}-01 00:00:00`]);
      await writeFile(join(dir, rowsFile(dataset, month)), toArrowIpc(columns, columns.map((c) => rows.map((r) => r[c.name] ?? null))));
    }
    await runner.query(`DROP TABLE ${name}`);
    index.tables.push({ dataset, columns, kpis: mine.map((k) => k.id), meta: drillMeta(dataset), parts: Object.fromEntries(months) });
    log(`rows for drill-down: ${dataset}, ${months.reduce((s, [, n]) => s + n, 0).toLocaleString('en')} rows in ${months.length} months`);
  }
  if (staff) {
    const t = await writeStaffPeriods(runner, dir, staff);
    if (t) {
      index.tables.push(t);
      log(`rows for drill-down: staff KPIs, ${Object.keys(t.periods ?? {}).length} periods`);
    }
  }
  await writeFile(join(dir, ROWS_INDEX), JSON.stringify(index));
  return index;
}

/** The periods staff drill-downs are written for, and each one's parameters. */
export interface StaffPeriods { periods: readonly Period[]; paramsOf: (p: Period) => readonly SqlParam[] }

async function writeStaffPeriods(runner: SqlRunner, dir: string, { periods, paramsOf }: StaffPeriods): Promise<RowsIndex['tables'][number] | null> {
  const kpis = availableKpis(await runner.tables()).filter((k) => k.rows);
  if (kpis.length === 0) return null;
  // The birth date is not needed to read these KPIs: left out, as a quasi-identifier.
  const columns = drillColumns('staff', kpis.map((k) => k.id)).filter((c) => c.name !== 'birth_date');
  const own = columns.filter((c) => !c.name.startsWith('_') && !c.name.includes(':'));
  const people = new Map((await runner.query(`SELECT staff_id AS _key, branch AS _branch, ${own.map((c) => `"${c.name}"`).join(', ')} FROM staff`)).map((r) => [r._key, r]));
  const written: Record<string, number> = {};
  for (const period of periods) {
    const adds = new Map<unknown, Record<string, number>>();
    for (const k of kpis) {
      for (const r of await runner.query(kpiRowsQuery(k), paramsOf(period))) {
        let a = adds.get(r.staff_id);
        if (!a) adds.set(r.staff_id, (a = {}));
        a[numCol(k.id)] = Number(r.num);
        a[denCol(k.id)] = Number(r.den);
      }
    }
    const rows = [...adds].filter(([, a]) => Object.values(a).some((v) => v !== 0))
      .map(([id, a]): Record<string, unknown> => ({ ...people.get(id), _at: period.start, _service: null, ...a }))
      .sort((x, y) => String(x.source_file).localeCompare(String(y.source_file)) || Number(x.source_line) - Number(y.source_line));
    if (rows.length === 0) continue;
    await writeFile(join(dir, rowsFile('staff', period.id)), toArrowIpc(columns, columns.map((c) => rows.map((r) => r[c.name] ?? null))));
    written[period.id] = rows.length;
  }
  return { dataset: 'staff', columns, kpis: kpis.map((k) => k.id), meta: drillMeta('staff'), parts: {}, periods: written };
}
