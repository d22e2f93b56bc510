/**
 * Watches the query engine's download: a load that keeps receiving bytes is never cut off, however
 * slow; one that receives nothing for `stallMs` before its last byte fails as 'stalled' (after the
 * last byte the work is the CPU's: compiling and loading, never cut off either). Every failure says why, so
 * the page never blames WebAssembly for a slow network.
 */

/** Why the engine did not start; each has its own message (src/i18n/engine-messages.ts). */
export type EngineFailureKind = 'unsupported' | 'network' | 'stalled' | 'failed';

export class EngineLoadError extends Error {
  override name = 'EngineLoadError';
  readonly kind: EngineFailureKind;
  /** Where the load stood when it failed (set for 'stalled'). */
  readonly progress?: LoadProgress;
  constructor(kind: EngineFailureKind, message: string, options?: { cause?: unknown; progress?: LoadProgress }) {
    super(message, options);
    this.kind = kind;
    if (options?.progress) this.progress = options.progress;
  }
}

/** Where a load stands: bytes over every file (`total` 0 while a size is unknown), ms since the last byte. */
export interface LoadProgress { loaded: number; total: number; quietMs: number; done: boolean }

export interface Timers {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface WatchOptions {
  /** Nothing received for this long, while bytes are still due, fails the load as 'stalled'. */
  stallMs: number;
  /** How often `onProgress` is told the quiet time while nothing arrives. */
  tickMs?: number;
  onProgress?(p: LoadProgress): void;
  timers?: Timers;
}

/** Reports bytes of one file (`key`) as they arrive; `total` is that file's size or 0 if unknown. */
export type Report = (key: string, loaded: number, total: number) => void;

const realTimers: Timers = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * Runs `work(report)` under the stall watch; resolves or rejects with it, or rejects with an
 * `EngineLoadError('stalled')` when no byte has arrived for `stallMs` while some are still due.
 */
export function watchLoad<T>(work: (report: Report) => Promise<T>, opts: WatchOptions): Promise<T> {
  const timers = opts.timers ?? realTimers;
  const files = new Map<string, { loaded: number; total: number }>();
  let last = timers.now();
  let settled = false;
  const snapshot = (): LoadProgress => {
    let loaded = 0, total = 0, known = true;
    for (const f of files.values()) { loaded += f.loaded; total += f.total; if (!f.total) known = false; }
    return { loaded, total: known ? total : 0, quietMs: timers.now() - last, done: known && files.size > 0 && loaded >= total };
  };
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setInterval(() => {
      if (settled) return;
      const p = snapshot();
      if (!p.done && p.quietMs >= opts.stallMs) {
        finish();
        reject(new EngineLoadError('stalled', `nothing received for ${Math.round(p.quietMs / 1000)} s (${p.loaded} of ${p.total || '?'} bytes)`, { progress: p }));
      } else opts.onProgress?.(p);
    }, opts.tickMs ?? 1000);
    const finish = () => { settled = true; timers.clearInterval(handle); };
    const report: Report = (key, loaded, total) => {
      if (settled) return;
      const prev = files.get(key);
      if (!prev || loaded > prev.loaded || total !== prev.total) last = timers.now();
      files.set(key, { loaded, total });
      opts.onProgress?.(snapshot());
    };
    work(report).then(
      (v) => { if (!settled) { finish(); resolve(v); } },
      (e: unknown) => { if (!settled) { finish(); reject(classify(e)); } },
    );
  });
}

/** Names the kind of a failure that is not already an EngineLoadError. */
export function classify(e: unknown): EngineLoadError {
  if (e instanceof EngineLoadError) return e;
  const message = e instanceof Error ? e.message : String(e);
  // fetch() rejects with a TypeError ("Failed to fetch", "NetworkError…", "Load failed"); DuckDB's
  // worker reports a failed wasm download as "<status> : <url>".
  const network = (e instanceof TypeError && /fetch|network|load failed/i.test(message)) || /^\d{3} : |HTTP \d{3}|failed to fetch|networkerror/i.test(message);
  return new EngineLoadError(network ? 'network' : 'failed', message, { cause: e });
}

/**
 * Fetches `url` as bytes, reporting progress under `key`; an HTTP error or a dropped connection is
 * an EngineLoadError('network') naming the URL.
 */
export async function fetchBytes(url: string, key: string, report: Report): Promise<Uint8Array> {
  report(key, 0, 0); // due from now on, even if no response ever comes
  const res = await fetch(url).catch((e: unknown) => { throw new EngineLoadError('network', `${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }); });
  if (!res.ok) throw new EngineLoadError('network', `${url}: HTTP ${res.status}`);
  // Content-Length is the encoded size; with compression the decoded bytes outgrow it, so it is a hint only.
  const declared = Number(res.headers.get('content-length')) || 0;
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  const total = encoded ? 0 : declared;
  report(key, 0, total);
  if (!res.body) { const bytes = new Uint8Array(await res.arrayBuffer()); report(key, bytes.length, bytes.length); return bytes; }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      report(key, loaded, total);
    }
  } catch (e) {
    throw new EngineLoadError('network', `${url}: connection lost after ${loaded} bytes`, { cause: e });
  }
  report(key, loaded, loaded);
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
