import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cleanup } from '../helpers.ts';
import { ingestFixture } from './fixture.ts';

const run = promisify(execFile);
let data: string;
const kpis = (...args: string[]) => run(process.execPath, ['scripts/kpis.ts', '--data', data, ...args], { env: { ...process.env, TZ: 'Asia/Shanghai' } });

beforeAll(async () => {
  data = await ingestFixture();
});
afterAll(cleanup);

describe('npm run kpis', () => {
  it('--json prints one array of {id, period, value, numerator, denominator, target, met, ci_low, ci_high} and nothing else', async () => {
    const { stdout } = await kpis('--period', '2026-Q3', '--json');
    const out = JSON.parse(stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(12);
    for (const r of out) expect(Object.keys(r)).toEqual(['id', 'period', 'value', 'numerator', 'denominator', 'target', 'met', 'ci_low', 'ci_high']);
    // Fewer than 30 surveys: the default floor makes every verdict null.
    expect(out.find((r) => r.id === 'satisfaction_rate')).toMatchObject({ period: '2026-Q3', value: 0.5, numerator: 2, denominator: 4, met: null });
  });
  it('prints a readable table without --json', async () => {
    const { stdout } = await kpis('--period', '2026-07', '--branch', 'A店');
    expect(stdout).toMatch(/^Period 2026-07 \(branch A店\), data as of 2026-10-10 12:00:00/);
    expect(stdout).toMatch(/Customer satisfaction\s+50\.0%/);
  });
  it.each([
    [['--period', '2026-Q5'], /unknown period format: 2026-Q5/],
    [['--period', '2026-Q3', '--branch', 'Z店'], /unknown branch: Z店 \(known: A店, B店\)/],
    [['--period', '2026-Q3', '--service-type', 'gardening'], /unknown service type: gardening \(known: daily_cleaning/],
  ])('%j fails with a clear message and exit 1', async (args, message) => {
    const err = await kpis(...args).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(message);
  });
});
