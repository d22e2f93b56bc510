/**
 * `npm run bench -- --size 20k` end to end, as CI runs it: the results file must be complete
 * (every measurement present and plausible), whatever the speed of the machine. Speed itself is
 * reported, never asserted.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { BENCH_PAGES } from '../../src/bench/run.ts';
import { FILTERED_PAGES } from '../../src/i18n/strings.ts';
import { BenchResultsSchema, targets, toMarkdown } from '../../src/bench/results.ts';
import { cleanup, tempDir } from '../helpers.ts';

const run = promisify(execFile);
afterAll(cleanup);

it('npm run bench -- --size 20k writes a complete results file and its Markdown table', async () => {
  const work = await tempDir('hsq-bench-');
  const { stdout } = await run(process.execPath, ['scripts/bench.ts', '--size', '20k', '--work', work], { env: { ...process.env, TZ: 'Asia/Shanghai' }, maxBuffer: 1 << 22 });
  const raw = JSON.parse(await readFile(join(work, 'results-20k.json'), 'utf8'));
  const r = BenchResultsSchema.parse(raw);
  // The seeded 20k data set: exactly 20,000 orders, and every dataset of the generator present.
  expect(r.data.rows.orders).toBe(20_000);
  for (const d of ['surveys', 'complaints', 'staff', 'trainings', 'staff_surveys', 'inspections', 'incidents']) expect(r.data.rows[d], d).toBeGreaterThan(0);
  expect(r.browser.map((b) => b.page)).toEqual(BENCH_PAGES);
  for (const b of r.browser) {
    expect(b.filter_changes, b.page).toBeGreaterThanOrEqual(30);
    expect(b.filter_p95_ms, b.page).toBeGreaterThanOrEqual(b.filter_p50_ms);
    expect(b.filter_max_ms, b.page).toBeGreaterThanOrEqual(b.filter_p95_ms);
    expect(b.filter_p50_ms, b.page).toBeGreaterThanOrEqual(b.query_p50_ms);
    // Each change's "every chart drawn" comes after its update: so does the p95.
    expect(b.charts_p95_ms, b.page).toBeGreaterThanOrEqual(b.filter_p95_ms);
    // Filters come from the shipped answers: no DuckDB-WASM file is ever requested on a standard page.
    expect(b.wasm_loaded, b.page).toBe(false);
    expect(b.interactive_brotli_bytes, b.page).toBeGreaterThan(10_000);
    expect(b.first_filter_ms, b.page).toBeGreaterThan(0);
  }
  // The per-state lists of Complaints are in per-period parts, measured apart from the interactive bytes.
  expect(r.browser.find((b) => b.page === '/complaints/')?.answers_parts_brotli_bytes).toBeGreaterThan(0);
  expect(r.transfer.brotli_bytes).toBeLessThan(r.transfer.arrow_bytes);
  // Five filter changes after the warm-up state, on every filtered page.
  expect(r.engines?.views).toBe(5 * FILTERED_PAGES.length);
  // At 20k every step runs: nothing is skipped, nothing estimated.
  expect(r.skipped).toBeUndefined();
  expect(r.transfer.estimated).toBeUndefined();
  // "Try your data" with the same files: every row read, the report before the dashboard.
  const drop = r.try_drop!;
  expect(drop.rows_read).toBeGreaterThanOrEqual(Object.values(r.data.rows).reduce((a, b) => a + b, 0));
  expect(drop.total_ms).toBeGreaterThan(drop.ingest_ms);
  const drill = r.browser.find((b) => b.page === '/')!;
  expect(drill.drill_cold_ms).toBeGreaterThan(0);
  expect(drill.drill_warm_ms).toBeGreaterThan(0);
  expect(targets(r).map((t) => t.label)).toHaveLength(9);
  // The harness floor: a page that does no work, measured the same way (its first change comes after it is ready).
  expect(r.harness!.engine_ready_ms).toBeGreaterThan(0);
  expect(r.harness!.first_filter_ms).toBeGreaterThanOrEqual(r.harness!.engine_ready_ms);
  const md = await readFile(join(work, 'results-20k.md'), 'utf8');
  expect(md).toBe(toMarkdown(r));
  expect(stdout).toBe(md);
}, 600_000);
