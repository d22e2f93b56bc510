import { afterAll, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Manifest } from '../../src/ingest/manifest.ts';
import { FILES } from '../kpi/fixture.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const opts = (inDir: string, outDir: string, extra: { full?: boolean; asOf?: string } = {}) => ({ inDir, outDir, asOf: '2026-10-10 12:00', salt: 'test-salt', ...extra });
/** The files ingest actually parsed, from its log. */
const parsed = (lines: string[]) => lines.filter((l) => l.startsWith('reading ')).map((l) => l.slice('reading '.length).split(' (')[0]!).sort();
const DATASETS = ['orders', 'staff', 'surveys', 'complaints', 'trainings'];

/** Everything an incremental run wrote must equal what a full run writes (apart from the time of writing). */
async function expectSameAsFull(inDir: string, outDir: string, extra: { asOf?: string } = {}) {
  const full = join(await tempDir(), 'full');
  await ingest(opts(inDir, full, { ...extra, full: true }), silentEffects());
  const man = async (d: string) => {
    const m = JSON.parse(await readFile(join(d, 'manifest.json'), 'utf8')) as Partial<Manifest>;
    delete m.generated_at;
    return m;
  };
  expect(await man(outDir)).toEqual(await man(full));
  expect(await readFile(join(outDir, 'rejects.csv'), 'utf8')).toBe(await readFile(join(full, 'rejects.csv'), 'utf8'));
  for (const d of DATASETS) expect(await arrowRows(outDir, d), d).toEqual(await arrowRows(full, d));
}

describe('incremental ingest', () => {
  it('a second run with unchanged inputs skips ingest and leaves the output untouched', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), FILES);
    const first = await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    expect(first.skipped).toBe(false);
    const before = (await stat(join(d, 'out', 'orders.arrow'))).mtimeMs;
    const fx = silentEffects();
    const second = await ingest(opts(join(d, 'in'), join(d, 'out')), fx);
    expect(second.skipped).toBe(true);
    expect(parsed(fx.lines)).toEqual([]);
    expect(second.manifest).toEqual(first.manifest);
    expect(second.rejects).toEqual(first.rejects);
    expect((await stat(join(d, 'out', 'orders.arrow'))).mtimeMs).toBe(before);
    // --full reads everything again
    const fx3 = silentEffects();
    expect((await ingest(opts(join(d, 'in'), join(d, 'out'), { full: true }), fx3)).skipped).toBe(false);
    expect(parsed(fx3.lines)).toEqual(Object.keys(FILES).sort());
  });

  it('changing one file re-ingests only that dataset, with the same result as a full run', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), FILES);
    await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    // One complaint closed later, and a dirty row: only complaints.csv changes.
    await writeFiles(join(d, 'in'), { 'complaints.csv': `${FILES['complaints.csv'].replace('2026-07-04 10:00,closed', '2026-07-05 10:00,closed')}\nK9,O1,A店,S1,not a date,,,open,attitude` });
    const fx = silentEffects();
    const r = await ingest(opts(join(d, 'in'), join(d, 'out')), fx);
    expect(parsed(fx.lines)).toEqual(['complaints.csv']);
    expect(r.manifest.datasets.complaints!.rows_rejected).toBe(1);
    await expectSameAsFull(join(d, 'in'), join(d, 'out'));
  });

  it('a dataset is re-checked when the keys it references change, not when other columns do', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), FILES);
    await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    // Another status for O6: orders' keys are unchanged, so surveys and complaints are kept.
    await writeFiles(join(d, 'in'), { 'orders.csv': FILES['orders.csv'].replace('S1,2026-07-05 09:00,,cancelled,', 'S1,2026-07-05 09:00,,scheduled,') });
    const fx = silentEffects();
    await ingest(opts(join(d, 'in'), join(d, 'out')), fx);
    expect(parsed(fx.lines)).toEqual(['orders.csv']);
    await expectSameAsFull(join(d, 'in'), join(d, 'out'));
    // Without O1, the surveys and complaints that point at it must be rejected now: re-read both.
    await writeFiles(join(d, 'in'), { 'orders.csv': FILES['orders.csv'].split('\n').filter((l) => !l.startsWith('O1,')).join('\n') });
    const fx2 = silentEffects();
    const r = await ingest(opts(join(d, 'in'), join(d, 'out')), fx2);
    expect(parsed(fx2.lines)).toEqual(['complaints.csv', 'orders.csv', 'surveys.csv']);
    expect(r.rejects.filter((x) => x.reason === 'order_id not found in orders').map((x) => `${x.file}:${x.line}`)).toEqual(['surveys.csv:2', 'surveys.csv:3', 'complaints.csv:2']);
    await expectSameAsFull(join(d, 'in'), join(d, 'out'));
  });

  it('another --as-of re-ingests; with the clock as bound, rows rejected as future are read again later', async () => {
    const d = await tempDir();
    await writeFiles(join(d, 'in'), FILES);
    await ingest(opts(join(d, 'in'), join(d, 'out')), silentEffects());
    const fx = silentEffects();
    await ingest(opts(join(d, 'in'), join(d, 'out'), { asOf: '2026-10-11 12:00' }), fx);
    expect(parsed(fx.lines)).toEqual(Object.keys(FILES).sort());
    await expectSameAsFull(join(d, 'in'), join(d, 'out'), { asOf: '2026-10-11 12:00' });

    // Clock-bound (no --as-of): at 2026-07-20 every later row is a future reject.
    const e = await tempDir();
    await writeFiles(join(e, 'in'), FILES);
    const at = (iso: string) => ({ ...silentEffects(), now: () => new Date(iso) });
    const noAsOf = { inDir: join(e, 'in'), outDir: join(e, 'out'), salt: 'test-salt' };
    const early = await ingest(noAsOf, at('2026-07-20T04:00:00Z'));
    expect(early.rejects.some((x) => x.reason.endsWith('is after the as-of time'))).toBe(true);
    const fx2 = at('2026-11-20T04:00:00Z');
    const later = await ingest(noAsOf, fx2);
    expect(later.skipped).toBe(false);
    expect(later.rejects.some((x) => x.reason.endsWith('is after the as-of time'))).toBe(false);
    expect(later.manifest.datasets.orders!.rows_accepted).toBeGreaterThan(early.manifest.datasets.orders!.rows_accepted);
  });
});
