/** The engine's load watch: slow but progressing loads go on, stalled ones fail as stalled, each failure named. */
import { describe, expect, it } from 'vitest';
import { classify, EngineLoadError, watchLoad, type LoadProgress, type Report, type Timers } from '../../src/client/load-watch.ts';
import { failureMessage, loadingMessage } from '../../src/i18n/engine-messages.ts';

/** A hand-driven clock: `advance(ms)` runs the interval once per elapsed tick. */
function fakeTimers() {
  let t = 0;
  let tick: { fn: () => void; ms: number; next: number } | null = null;
  const timers: Timers = {
    now: () => t,
    setInterval: (fn, ms) => { tick = { fn, ms, next: t + ms }; return 1; },
    clearInterval: () => { tick = null; },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    while (tick && tick.next <= end) { t = tick.next; tick.next += tick.ms; tick.fn(); }
    t = end;
  };
  return { timers, advance };
}

/** A load the test drives: `report` sends bytes, `finish` resolves it. */
function driven() {
  let report!: Report;
  let finish!: (v: string) => void;
  const work = (r: Report) => { report = r; return new Promise<string>((res) => { finish = res; }); };
  return { work, report: (k: string, l: number, t: number) => report(k, l, t), finish: (v: string) => finish(v) };
}

describe('watchLoad', () => {
  it('never cuts off a load that keeps receiving bytes, however long it takes', async () => {
    const { timers, advance } = fakeTimers();
    const load = driven();
    const seen: LoadProgress[] = [];
    const result = watchLoad(load.work, { stallMs: 60_000, timers, onProgress: (p) => seen.push(p) });
    // 34 MB at 200 KB/s (1.6 Mbit/s): 170 s, a byte every 5 s at the slowest, 10 minutes in all.
    for (let s = 5; s <= 600; s += 5) { advance(5_000); load.report('engine', s * 50_000, 30_000_000); }
    load.finish('ready');
    await expect(result).resolves.toBe('ready');
    expect(seen.at(-1)).toMatchObject({ loaded: 30_000_000, total: 30_000_000, done: true });
  });

  it('fails as stalled when nothing arrives for stallMs, with how far it got', async () => {
    const { timers, advance } = fakeTimers();
    const load = driven();
    const result = watchLoad(load.work, { stallMs: 60_000, timers });
    load.report('engine', 1_000_000, 30_000_000);
    load.report('data:orders', 200, 0);
    advance(59_000);
    load.report('engine', 1_000_000, 30_000_000); // the same count again is not progress
    advance(1_000);
    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineLoadError);
    // 1,000,200 bytes in; the total is unknown while one file has no size (0).
    expect(err).toMatchObject({ kind: 'stalled', progress: { loaded: 1_000_200, total: 0, quietMs: 60_000, done: false } });
  });

  it('does not count the quiet time after the last byte (compiling and loading are CPU work)', async () => {
    const { timers, advance } = fakeTimers();
    const load = driven();
    const result = watchLoad(load.work, { stallMs: 60_000, timers });
    load.report('engine', 30, 30);
    load.report('data:orders', 10, 10);
    advance(300_000);
    load.finish('ready');
    await expect(result).resolves.toBe('ready');
  });

  it('passes the work’s own failure on, named by kind', async () => {
    const fails = (e: unknown) => watchLoad(() => Promise.reject(e), { stallMs: 1000, timers: fakeTimers().timers }).catch((x: unknown) => x as EngineLoadError);
    expect((await fails(new EngineLoadError('unsupported', 'no wasm'))).kind).toBe('unsupported');
    expect((await fails(new TypeError('Failed to fetch'))).kind).toBe('network');
    expect((await fails(new Error('404 : http://x/duckdb-eh.wasm'))).kind).toBe('network');
    expect((await fails(new Error('CompileError: invalid opcode'))).kind).toBe('failed');
  });

  it('classify keeps an EngineLoadError as it is', () => {
    const e = new EngineLoadError('stalled', 'x');
    expect(classify(e)).toBe(e);
    expect(classify('boom').kind).toBe('failed');
  });
});

describe('engine messages', () => {
  it('show the bytes so far, then that the network is slow, then that the engine is starting', () => {
    // 12,582,912 B = 12.0 MB of 35,651,584 B = 34.0 MB: 35%.
    expect(loadingMessage({ loaded: 12_582_912, total: 35_651_584, quietMs: 500, done: false }, 'en')).toBe('Loading the query engine… 12.0 / 34.0 MB (35%)');
    expect(loadingMessage({ loaded: 12_582_912, total: 0, quietMs: 9_400, done: false }, 'zh')).toBe('正在加载交互查询引擎… 12.0 MB。网络较慢：9 秒没有收到新数据，仍在等待。');
    expect(loadingMessage({ loaded: 1, total: 1, quietMs: 20_000, done: true }, 'en')).toBe('Starting the query engine…');
  });

  it('say what really happened and blame WebAssembly only when it is missing', () => {
    const stalled = failureMessage({ kind: 'stalled', message: '', progress: { loaded: 1_048_576, total: 2_097_152, quietMs: 60_000, done: false } }, 'zh');
    expect(stalled).toContain('60 秒没有收到数据（已收到 1.0 / 2.0 MB）');
    expect(stalled).not.toContain('WebAssembly');
    expect(failureMessage({ kind: 'network', message: '/data/orders.arrow: HTTP 404' }, 'en')).toContain('could not be downloaded (/data/orders.arrow: HTTP 404)');
    expect(failureMessage({ kind: 'network', message: 'x' }, 'en')).not.toContain('WebAssembly');
    expect(failureMessage({ kind: 'unsupported', message: 'x' }, 'zh')).toContain('不支持 WebAssembly');
    expect(failureMessage({ kind: 'failed', message: 'CompileError' }, 'en')).toContain('failed to start (CompileError)');
  });
});
