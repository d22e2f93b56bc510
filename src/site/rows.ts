/**
 * Writes the drill-down row partitions (kpi/drill.ts): one Arrow IPC file per dataset and month,
 * so a drill-down fetches only the months its period covers, and their index.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toArrowIpc } from '../ingest/write-arrow.ts';
import { availableKpis } from '../kpi/engine.ts';
import { drillColumns, drillTableSql, type RowsIndex } from '../kpi/drill.ts';
import type { KpiDef } from '../kpi/define.ts';
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
export async function writeRowPartitions(runner: SqlRunner, dir: string, params: readonly SqlParam[], log: (m: string) => void = () => {}): Promise<RowsIndex> {
  const kpis = availableKpis(await runner.tables()).filter((k) => k.facts);
  const datasets = [...new Set(kpis.flatMap(factDatasets))];
  const index: RowsIndex = { v: 1, tables: [] };
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
    index.tables.push({ dataset, columns, kpis: mine.map((k) => k.id), parts: Object.fromEntries(months) });
    log(`rows for drill-down: ${dataset}, ${months.reduce((s, [, n]) => s + n, 0).toLocaleString('en')} rows in ${months.length} months`);
  }
  await writeFile(join(dir, ROWS_INDEX), JSON.stringify(index));
  return index;
}
