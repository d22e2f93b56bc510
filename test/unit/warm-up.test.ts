import { afterEach, expect, it, vi } from 'vitest';
import { inIdleSteps, rehearsals, warmUp } from '../../src/client/warm-up.ts';

const options = { period: ['2026-Q3', '2026-Q2', '2026-09'], branch: ['', '朝阳店', '海淀店'], service: ['', 'daily_cleaning', 'childcare'] };
afterEach(() => vi.unstubAllGlobals());

it('rehearses one change of each filter: the last branch and service offered, the next period', () => {
  expect(rehearsals({ period: '2026-Q3', branch: '', service: '' }, options)).toEqual([
    { period: '2026-Q3', branch: '海淀店', service: '' },
    { period: '2026-Q3', branch: '', service: 'childcare' },
    { period: '2026-Q2', branch: '', service: '' },
  ]);
});

it('never rehearses the shown value; the last period falls back to another one; "all" is not a rehearsal', () => {
  // 海淀店 and childcare are shown: the one before them; 2026-09 is last: the first other period.
  expect(rehearsals({ period: '2026-09', branch: '海淀店', service: 'childcare' }, options)).toEqual([
    { period: '2026-09', branch: '朝阳店', service: 'childcare' },
    { period: '2026-09', branch: '海淀店', service: 'daily_cleaning' },
    { period: '2026-Q3', branch: '海淀店', service: 'childcare' },
  ]);
  // Only "all" and one period offered: nothing to rehearse.
  expect(rehearsals({ period: '2026-Q3', branch: '', service: '' }, { period: ['2026-Q3'], branch: [''], service: [''] })).toEqual([]);
});

it('runs the rehearsals one at a time, in order, and goes on after one fails', async () => {
  // No requestIdleCallback here: whenIdle falls back to a timer.
  vi.stubGlobal('window', {});
  const ran: string[] = [];
  let running = 0;
  const all = rehearsals({ period: '2026-Q3', branch: '', service: '' }, options);
  await new Promise<void>((resolve) => {
    warmUp(all, async (s) => {
      expect(running++).toBe(0);
      ran.push(s.branch || s.service || s.period);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (ran.length === 1) throw new Error('a rehearsal that fails');
      if (ran.length === all.length) resolve();
    });
  });
  expect(ran).toEqual(['海淀店', 'childcare', '2026-Q2']);
});

it('runs each step in an idle period of its own, and stops once a real change has made the rest stale', async () => {
  // A requestIdleCallback that runs its callbacks only when the test says the page is idle.
  const idle: (() => void)[] = [];
  vi.stubGlobal('window', { requestIdleCallback: (f: () => void) => idle.push(f) });
  const ran: number[] = [];
  let stale = false;
  const done = inIdleSteps([1, 2, 3].map((n) => () => { ran.push(n); }), () => stale);
  const tick = async () => { await Promise.resolve(); idle.shift()!(); await Promise.resolve(); };
  await tick();
  expect(ran).toEqual([1]);
  await tick();
  expect(ran).toEqual([1, 2]);
  stale = true;
  await tick();
  expect(await done).toBe(false);
  expect(ran).toEqual([1, 2]);
  expect(await inIdleSteps([], () => false)).toBe(true);
});
