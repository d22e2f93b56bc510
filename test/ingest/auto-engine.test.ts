/**
 * `--engine auto` decides per dataset from what it measures, and says why: DuckDB for a large
 * file whose first rows its SQL reads, the JavaScript validator for a small one or one whose
 * first rows the SQL mostly refuses (where the bulk path would be the slower one).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../src/ingest/ingest.ts';
import { arrowRows, cleanup, silentEffects, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const HEADER = 'order_id,customer_id,branch,service_type,ordered_at,status,amount';
/** `n` orders of about 60 bytes each; `amount` as written in every row. */
const orders = (n: number, amount: string) =>
  [HEADER, ...Array.from({ length: n }, (_, i) => `O${i},C${i % 97},朝阳店,daily_cleaning,2026-07-05 14:03:00,scheduled,${amount}`)].join('\n');

describe('auto engine', () => {
  it('takes DuckDB for a large file it reads, JavaScript for a small one or one whose first rows it mostly refuses; logs each choice', async () => {
    const d = await tempDir();
    // 80k rows ≈ 5.5 MB, above the 4 MB threshold.
    const big = (amount: string) => orders(80_000, amount);
    const run = async (text: string) => {
      await writeFiles(join(d, 'in'), { 'orders.csv': text });
      const fx = silentEffects();
      const { manifest } = await ingest({ inDir: join(d, 'in'), outDir: join(d, 'out'), asOf: '2026-11-20 12:00', salt: 's', full: true }, fx);
      return { fx, m: manifest.datasets.orders! };
    };
    const plain = await run(big('120'));
    expect(plain.fx.lines.some((l) => l.includes('records typed in DuckDB'))).toBe(true);
    expect(plain.m.rows_accepted).toBe(80_000);
    // `+120` is a number to the validator (Number('+120')) but not a form the SQL reads: every row would be re-read.
    const signed = await run(big('+120'));
    expect(signed.fx.lines.some((l) => /100% of its first 10,000 rows are not in a form the SQL reads/.test(l))).toBe(true);
    expect(signed.fx.lines.some((l) => l.includes('records typed in DuckDB'))).toBe(false);
    expect(signed.m.rows_accepted).toBe(80_000);
    expect((await arrowRows(join(d, 'out'), 'orders')).slice(0, 2).map((r) => r.amount)).toEqual([120, 120]);
    const small = await run(orders(100, '120'));
    expect(small.fx.lines.some((l) => /orders: 0\.0 MB, below the 4 MB where DuckDB is faster/.test(l))).toBe(true);
  });
});
