/**
 * The shipped answers: for every state a page's filters offer (each period × all branches and one
 * branch × all service types and one; every branch and service on the default period), the view
 * computed from the page's answers alone, with no query, equals the view the Node runner computes
 * by SQL. The cube and roster code is held to the SQL elsewhere (breakdown-cube, slices tests).
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnswersPart, answersRunner, NeedsEngine, packRows, unpackRows, type Answers, type AnswersPart } from '../../src/kpi/answers.ts';
import { packCube, unpackCube } from '../../src/kpi/cube-pack.ts';
import type { CubeIndex } from '../../src/kpi/cube.ts';
import { DEFAULT_CONFIG_PATH } from '../../src/kpi/config.ts';
import { KPIS } from '../../src/kpi/catalogue.ts';
import { denCol, numCol, sliceMonths, type RowsIndex } from '../../src/kpi/drill-rows.ts';
import { loadDrillRows } from '../../src/kpi/drill-load.ts';
import { computeKpiSlices } from '../../src/kpi/engine.ts';
import { parsePeriod } from '../../src/kpi/period.ts';
import { openNodeRunner, type NodeRunner } from '../../src/kpi/runner-node.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { writeSnapshot } from '../../src/site/build-site.ts';
import { answersFile, answersPartFile, ROWS_INDEX, SITE_DATA } from '../../src/site/site-files.ts';
import type { Snapshot } from '../../src/site/snapshot.ts';
import { computeView, type ViewState } from '../../src/views/model.ts';
import type { PageId } from '../../src/i18n/strings.ts';
import { cleanup, silentEffects, tempDir } from '../helpers.ts';

let out: string;
/** Every cell of a cube, read. */
const cells = (c: CubeIndex) => new Map([...c.keys()].map((k) => [k, c.get(k)]));
let runner: NodeRunner;
let snap: Snapshot;
const CONFIG = DEFAULT_CONFIG_PATH;

beforeAll(async () => {
  const d = await tempDir('hsq-answers-');
  out = join(d, 'out');
  await ingest({ inDir: 'data/sample', outDir: out, salt: 's' }, silentEffects());
  await writeSnapshot(out, CONFIG);
  snap = JSON.parse(await readFile(join(out, 'snapshot.json'), 'utf8')) as Snapshot;
  runner = await openNodeRunner(out);
}, 120_000);
afterAll(async () => {
  runner?.close();
  await cleanup();
});

/** The states checked for a page: see the file's comment. */
function states(s: Snapshot): ViewState[] {
  const def = s.default_state;
  const periods = [...s.periods.month, ...s.periods.quarter, ...s.periods.year];
  const out: ViewState[] = [];
  for (const period of periods) for (const branch of ['', s.branches.at(-1)!]) for (const service of ['', s.services[0]!]) out.push({ period, branch, service });
  for (const branch of s.branches) out.push({ ...def, branch });
  for (const service of s.services) out.push({ ...def, service });
  return out;
}

describe('shipped answers', () => {
  it.each(['overview', 'satisfaction', 'complaints', 'training', 'workforce', 'quality'] as PageId[])('answer every state of %s without a query, as the SQL does', async (page) => {
    const answers = JSON.parse(await readFile(join(out, SITE_DATA, answersFile(page)), 'utf8')) as Answers;
    const env = { config: snap.config, asOf: snap.as_of_ms };
    // The file fetched at load answers the default view alone; another period's lists are in its part.
    const alone = answersRunner(answers);
    expect(await computeView(alone, page, snap.default_state, env)).toEqual(await computeView(runner, page, snap.default_state, env));
    const other = answers.parts?.find((p) => p !== snap.default_state.period);
    if (other) await expect(computeView(alone, page, { ...snap.default_state, period: other, branch: snap.branches[0]! }, env)).rejects.toBeInstanceOf(NeedsEngine);
    const shipped = answersRunner(answers);
    for (const period of answers.parts ?? []) addAnswersPart(shipped, JSON.parse(await readFile(join(out, SITE_DATA, answersPartFile(page, period)), 'utf8')) as AnswersPart);
    const list = states(snap);
    expect(list.length).toBeGreaterThan(60);
    for (const state of list) {
      const fromAnswers = await computeView(shipped, page, state, env).catch((e: unknown) => {
        throw e instanceof NeedsEngine ? new Error(`${page} ${JSON.stringify(state)} needed a query: ${e.sql.slice(0, 400)}`) : e;
      });
      expect(fromAnswers, `${page} ${JSON.stringify(state)}`).toEqual(await computeView(runner, page, state, env));
    }
  }, 120_000);

  it('packs cubes and rows losslessly', () => {
    const cube = new Map([['A\u0000', new Map([['k', [{ bucket: 10, m: [1, 2] }, { bucket: 30, m: [3, 0.5] }]]])], ['\u0000x', new Map([['j', [{ bucket: 20, m: [7, 8] }]]])]]);
    expect(cells(unpackCube(JSON.parse(JSON.stringify(packCube(cube)))))).toEqual(cube);
    const rows = [{ a: 1, b: 'x', c: null }, { a: 2, b: '<b>', c: true }];
    expect(unpackRows(JSON.parse(JSON.stringify(packRows(rows))))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it('leaves out the roll-up cells that are exactly the sum of their base cells, and sums them again', () => {
    const r = (bucket: number, ...m: number[]) => ({ bucket, m });
    const cube = new Map([
      // '' is "all": all / all, then branch A over all services, then service x over all branches…
      ['\u0000', new Map([['k', [r(10, 4, 2), r(20, 5, 1)]]])], // A/x + A/y + B/x: bucket 10 → 1+3+0 = 4, 1+1+0 = 2; bucket 20 → 5, 1
      ['\u0000x', new Map([['k', [r(10, 1, 1), r(20, 5, 1)]]])], // A/x + B/x: 10 → 1, 1; 20 → 0+5, 0+1
      ['\u0000y', new Map([['k', [r(10, 3, 1)]]])], // A/y alone
      ['A\u0000', new Map([['k', [r(10, 4, 2)]]])], // A/x + A/y: 1+3, 1+1
      ['B\u0000', new Map([['k', [r(20, 6, 1)]]])], // not B/x's 5: a fact with no service type counted here only
      ['A\u0000x', new Map([['k', [r(10, 1, 1)]]])],
      ['A\u0000y', new Map([['k', [r(10, 3, 1)]]])],
      ['B\u0000x', new Map([['k', [r(20, 5, 1)]]])],
    ]);
    const packed = packCube(cube);
    expect(packed.cells.filter(([, keys]) => keys === null).map(([cell]) => cell)).toEqual(['\u0000', '\u0000x', '\u0000y', 'A\u0000']);
    const back = unpackCube(JSON.parse(JSON.stringify(packed)));
    // Read twice: a cell is unpacked on its first read and kept.
    expect(back.get('\u0000')).toBe(back.get('\u0000'));
    expect(cells(back)).toEqual(cube);
    expect([...back.keys()]).toEqual([...cube.keys()]);
    expect(back.get('C\u0000')).toBeUndefined();
    // A maximum does not add up (max 3 over A/x's 1 and A/y's 3, not 4), nor does a roll-up whose keys are in another order: both are shipped.
    const max = new Map([['A\u0000', new Map([['k', [r(10, 3)]]])], ['A\u0000x', new Map([['k', [r(10, 1)]]])], ['A\u0000y', new Map([['k', [r(10, 3)]]])]]);
    const order = new Map([['\u0000x', new Map([['j', [r(10, 1)]], ['i', [r(10, 2)]]])], ['A\u0000x', new Map([['i', [r(10, 2)]], ['j', [r(10, 1)]]])]]);
    for (const c of [max, order]) {
      expect(packCube(c).cells.every(([, keys]) => keys !== null)).toBe(true);
      expect(cells(unpackCube(packCube(c)))).toEqual(c);
    }
  });

  it('refuses to answer what it was not given, naming the SQL', async () => {
    const shipped = answersRunner({ v: 1, tables: ['orders'], memo: [], slices: [] });
    await expect(shipped.query('SELECT 1')).rejects.toThrow(/needs the query engine:\nSELECT 1/);
  });
});

describe('drill-down rows', () => {
  // Additive KPIs (rows by month) and the staff KPIs (people by period).
  const additive = KPIS.filter((k) => k.facts || k.rows);

  it('add up, for every additive and staff KPI and slice, to the numerator and denominator the SQL gives', async () => {
    const index = JSON.parse(await readFile(join(out, SITE_DATA, ROWS_INDEX), 'utf8')) as RowsIndex;
    const fetched: string[] = [];
    const part = (f: string) => { fetched.push(f); return readFile(join(out, SITE_DATA, f)); };
    const asOf = snap.as_of_ms;
    let checked = 0;
    for (const period of ['2026-Q3', '2026-05', '2025', snap.periods.month[0]!]) {
      for (const filter of [{ branch: '', service: '' }, { branch: snap.branches[1]!, service: '' }, { branch: '', service: 'daily_cleaning' }]) {
        const p = parsePeriod(period, asOf);
        const ctx = { period: p, asOf, config: snap.config, filter: { branch: filter.branch || null, serviceType: filter.service || null } };
        const kpis = additive.filter((k) => snap.tables.includes(k.requires[0]!) && k.requires.every((d) => snap.tables.includes(d)) && (!filter.service || k.filters.service_type));
        const results = await computeKpiSlices(runner, [ctx], kpis, { cube: false });
        for (const [i, k] of kpis.entries()) {
          fetched.length = 0;
          const sets = await loadDrillRows(index, { kpi: k.id, start: p.start, stop: p.end, period, ...filter }, part);
          const num = sets.reduce((s, d) => s + d.rows.reduce((a, r) => a + Number(r[numCol(k.id)] ?? 0), 0), 0);
          const den = sets.reduce((s, d) => s + d.rows.reduce((a, r) => a + Number(r[denCol(k.id)] ?? 0), 0), 0);
          const r = results[0]![i]!;
          if (k.kind === 'mean') {
            expect(den, `${k.id} ${period} n`).toBe(r.n);
            if (den > 0) expect(num / den / (k.num_per_unit ?? 1), `${k.id} ${period}`).toBeCloseTo(r.value!, 9);
          } else {
            expect([num, den], `${k.id} ${period} ${JSON.stringify(filter)}`).toEqual([r.numerator, r.denominator]);
          }
          // Only the slice's months were read (for a staff KPI, its period's file).
          const months = new Set(sliceMonths({ start: p.start, stop: p.end }));
          if (k.rows) expect(fetched).toEqual([`rows-staff-${period}.arrow`]);
          else expect(fetched.every((f) => months.has(f.slice(-13, -6)))).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(additive.filter((k) => k.rows).map((k) => k.id)).toEqual(['training_coverage_rate', 'staff_turnover_rate', 'background_check_rate']);
  }, 60_000);

  it('keep no personal data: no hashed or dropped column reaches the partitions', async () => {
    const index = JSON.parse(await readFile(join(out, SITE_DATA, ROWS_INDEX), 'utf8')) as RowsIndex;
    const names = index.tables.flatMap((t) => t.columns.map((c) => c.name));
    for (const n of ['customer_id', 'customer_name', 'customer_phone', 'comment', 'description', 'name', 'phone', 'id_number', 'birth_date']) expect(names).not.toContain(n);
    expect(names).toContain('source_line');
  });
});
