/** The benchmark's results file: its schema (checked by a test and on reading) and its Markdown table. */
import { z } from 'zod';

const ms = z.number().finite().nonnegative();
const BrowserPageSchema = z.object({
  page: z.string(), first_kpi_paint_ms: ms, engine_ready_ms: ms, filter_changes: z.number().int().positive(),
  filter_p50_ms: ms, filter_p95_ms: ms, query_p50_ms: ms, query_p95_ms: ms, js_heap_mb: z.number().finite().positive(),
  /** Brotli bytes of what the page fetched until its filters worked: HTML, scripts, styles, answers (absent before issue 20). */
  interactive_brotli_bytes: z.number().int().positive().optional(),
  /** Navigation → the first filter change answered on screen. */
  first_filter_ms: ms.optional(),
  /** Whether any DuckDB-WASM file was requested during the run. */
  wasm_loaded: z.boolean().optional(),
  /** Drill-down (Overview's satisfaction card): click → rows on screen, first time and again. */
  drill_cold_ms: ms.optional(), drill_warm_ms: ms.optional(),
  /** Filter change → every chart drawn (those off-screen at idle), p95 (absent before charts were drawn lazily). */
  charts_p95_ms: ms.optional(),
  /** Brotli bytes of the page's per-period parts of its answers, fetched when a period is shown or while idle (absent before they existed). */
  answers_parts_brotli_bytes: z.number().int().nonnegative().optional(),
  /** The slowest filter change (absent before it was recorded). */
  filter_max_ms: ms.optional(),
});

const TryDropSchema = z.object({
  files: z.number().int().positive(), bytes: z.number().int().positive(), rows_read: z.number().int().positive(),
  ingest_ms: ms, total_ms: ms, longest_task_ingest_ms: ms, longest_task_ms: ms,
});
export const BenchResultsSchema = z.object({
  size: z.string(),
  date: z.string(),
  machine: z.object({ cpus: z.number().int().positive(), cpu_model: z.string(), memory_gb: z.number().positive(), node: z.string(), chromium: z.string(), os: z.string() }),
  data: z.object({ rows: z.record(z.string(), z.number().int().nonnegative()), csv_bytes: z.number().int().positive() }),
  ingest: z.object({ duckdb_read_csv_ms: ms, ingest_ms: ms, ratio: z.number().positive(), peak_rss_mb: z.number().positive() }),
  build: z.object({ site_ms: ms }),
  transfer: z.object({
    arrow_bytes: z.number().int().positive(), gzip_bytes: z.number().int().positive(), brotli_bytes: z.number().int().positive(), gzip_vs_csv: z.number().positive(), brotli_vs_csv: z.number().positive(),
    /** Files over the sampling threshold were compressed by a prefix and scaled (brotli 11 runs at about 1 MB/s). */
    estimated: z.boolean().optional(),
  }),
  browser: z.array(BrowserPageSchema).min(1),
  engines: z.object({ views: z.number().int().positive(), native_ms: ms, wasm_ms: ms, ratio: z.number().positive() }).optional(),
  /** Steps this run could not take, each with why (e.g. the Try page at 10M: a 2 GB drop exceeds a tab). */
  skipped: z.array(z.object({ step: z.string(), reason: z.string() })).optional(),
  /** "Try your data" with every CSV of the run dropped at once (absent in results from before it existed). */
  try_drop: TryDropSchema.optional(),
  /** The same browser measurement on a page that does no work (floor.ts; absent before it was taken). */
  harness: z.object({ engine_ready_ms: ms, first_filter_ms: ms }).optional(),
});
export type BenchResults = z.output<typeof BenchResultsSchema>;

/** The issue's targets, by size (filter p95: 150 ms at 20k, 300 ms at 1M; ingest ≤ 3× DuckDB and < 2 GB at 1M; transfer ≤ 20% of CSV). */
export function targets(r: BenchResults): { label: string; value: string; target: string; met: boolean }[] {
  const worstP95 = Math.max(...r.browser.map((b) => b.filter_p95_ms));
  const maxOf = (f: (b: BenchResults['browser'][number]) => number | undefined) => { const v = r.browser.map(f).filter((x): x is number => x !== undefined); return v.length ? Math.max(...v) : null; };
  const bytes = maxOf((b) => b.interactive_brotli_bytes), first = maxOf((b) => b.first_filter_ms), cold = maxOf((b) => b.drill_cold_ms), warm = maxOf((b) => b.drill_warm_ms);
  const p95Target = r.size === '20k' ? 150 : 300;
  return [
    ...(bytes !== null ? [{ label: 'interactive page (brotli), worst page', value: `${Math.round(bytes / 1000)} KB`, target: '≤ 500 KB', met: bytes <= 500_000 }] : []),
    ...(first !== null ? [{ label: 'navigation → first filter change answered, worst page', value: `${Math.round(first)} ms`, target: '≤ 500 ms', met: first <= 500 }] : []),
    ...(bytes !== null ? [{ label: 'filter change p95 (issue 20: one frame)', value: `${worstP95} ms`, target: '≤ 16 ms', met: worstP95 <= 16 }] : []),
    ...(cold !== null ? [{ label: 'drill-down: first rows after the click, cold / warm', value: `${Math.round(cold)} / ${Math.round(warm ?? 0)} ms`, target: '≤ 1500 / 300 ms', met: cold <= 1500 && (warm ?? 0) <= 300 }] : []),
    { label: 'ingest ÷ DuckDB read_csv', value: `${r.ingest.ratio}×`, target: '≤ 3×', met: r.ingest.ratio <= 3 },
    { label: 'ingest peak memory', value: `${r.ingest.peak_rss_mb} MB`, target: '< 2048 MB', met: r.ingest.peak_rss_mb < 2048 },
    { label: 'data transferred (brotli) ÷ CSV', value: pct(r.transfer.brotli_vs_csv), target: '≤ 20%', met: r.transfer.brotli_vs_csv <= 0.2 },
    { label: 'filter change p95, worst page', value: `${worstP95} ms`, target: `< ${p95Target} ms`, met: worstP95 < p95Target },
    ...(r.try_drop ? [{ label: 'try your data: longest main-thread task while parsing', value: `${Math.round(r.try_drop.longest_task_ingest_ms)} ms`, target: '< 200 ms', met: r.try_drop.longest_task_ingest_ms < 200 }] : []),
  ];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** The results as Markdown: the machine, the data, the targets, then per-page browser numbers. */
export function toMarkdown(r: BenchResults): string {
  const m = r.machine;
  const lines = [
    `**${r.size}** (${Object.entries(r.data.rows).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}; CSV ${mb(r.data.csv_bytes)}) — ${r.date}, ${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, Node ${m.node}, Chromium ${m.chromium}`,
    '',
    '| measure | value | target | |',
    '|---|---|---|---|',
    ...targets(r).map((t) => `| ${t.label} | ${t.value} | ${t.target} | ${t.met ? 'met' : '**missed**'} |`),
    `| ingest / DuckDB read_csv | ${(r.ingest.ingest_ms / 1000).toFixed(1)} s / ${(r.ingest.duckdb_read_csv_ms / 1000).toFixed(1)} s | | |`,
    `| site build (snapshot + pages) | ${(r.build.site_ms / 1000).toFixed(1)} s | | |`,
    `| Arrow raw / gzip / brotli${r.transfer.estimated ? ' (estimated from each large file\'s first 64 MB)' : ''} | ${mb(r.transfer.arrow_bytes)} / ${mb(r.transfer.gzip_bytes)} / ${mb(r.transfer.brotli_bytes)} | | |`,
    ...(r.engines ? [`| DuckDB-WASM ÷ native, ${r.engines.views} views | ${r.engines.ratio}× (${r.engines.wasm_ms} / ${r.engines.native_ms} ms) | floor | |`] : []),
    ...(r.harness ? [`| harness floor: a page that does no work, navigation → filters ready / first filter answered | ${r.harness.engine_ready_ms} / ${r.harness.first_filter_ms} ms | | |`] : []),
    ...(r.try_drop ? [`| try your data: ${r.try_drop.rows_read.toLocaleString('en')} rows (${mb(r.try_drop.bytes)}) dropped → report / dashboard | ${(r.try_drop.ingest_ms / 1000).toFixed(1)} s / ${(r.try_drop.total_ms / 1000).toFixed(1)} s (longest task overall ${Math.round(r.try_drop.longest_task_ms)} ms) | | |`] : []),
    '',
    '| page | first KPI paint | filters ready | first filter answered | interactive bytes (brotli) | answer parts, per period (brotli, all) | DuckDB-WASM loaded | filter p50 | filter p95 | filter max | of which view model p50 / p95 | every chart drawn p95 | JS heap |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.browser.map((b) => `| ${b.page} | ${b.first_kpi_paint_ms} ms | ${b.engine_ready_ms} ms | ${b.first_filter_ms === undefined ? '–' : `${Math.round(b.first_filter_ms)} ms`} | ${b.interactive_brotli_bytes === undefined ? '–' : `${Math.round(b.interactive_brotli_bytes / 1000)} KB`} | ${b.answers_parts_brotli_bytes === undefined ? '–' : `${Math.round(b.answers_parts_brotli_bytes / 1000)} KB`} | ${b.wasm_loaded === undefined ? '–' : b.wasm_loaded ? 'yes' : 'no'} | ${b.filter_p50_ms} ms | ${b.filter_p95_ms} ms | ${b.filter_max_ms === undefined ? '–' : `${b.filter_max_ms} ms`} | ${b.query_p50_ms} / ${b.query_p95_ms} ms | ${b.charts_p95_ms === undefined ? '–' : `${b.charts_p95_ms} ms`} | ${b.js_heap_mb} MB |`),
    ...(r.skipped?.length ? ['', ...r.skipped.map((x) => `Not measured at this size: ${x.step}: ${x.reason}`)] : []),
  ];
  return lines.join('\n') + '\n';
}
