/**
 * The "Try your data" ingest, off the main thread: the build's own pipeline (same decoding,
 * papaparse, zod schemas, cross-row rules, line numbers and reasons) over dropped files, giving
 * Arrow IPC per dataset for DuckDB-WASM. Nothing is sent anywhere: the files are read from disk
 * by the browser and the results go back to the page.
 */
import { classify, ingestClassified, type SourceFile } from '../ingest/pipeline.ts';
import { sha256Js } from '../ingest/hash.ts';
import { IngestError } from '../ingest/types.ts';
import { toArrowIpc } from '../ingest/write-arrow.ts';
import { parseLocalTimestamp, shanghaiNow } from '../lib/datetime.ts';
import type { TryMessage, TryRequest } from './try-protocol.ts';

const post = (m: TryMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

/** Unique names: two dropped folders may both hold `orders.csv`. */
function named(files: readonly File[]): { name: string; file: File }[] {
  const seen = new Map<string, number>();
  return files.map((file) => {
    const n = (seen.get(file.name) ?? 0) + 1;
    seen.set(file.name, n);
    return { name: n === 1 ? file.name : file.name.replace(/(\.[^.]*)?$/, ` (${n})$1`), file };
  });
}

async function run({ files, others, asOf }: TryRequest): Promise<void> {
  const t0 = performance.now();
  let limit = shanghaiNow(() => new Date());
  if (asOf) {
    const t = parseLocalTimestamp(asOf);
    if (t === null) throw new IngestError(`as-of: not a date/time: ${asOf}`);
    limit = t;
  }
  const list = named(files);
  const size = new Map(list.map((f) => [f.name, f.file.size]));
  const total = Math.max(1, list.reduce((n, f) => n + f.file.size, 0));
  // Reading and hashing count for a fifth of the bar, parsing and validating for the rest.
  let read = 0;
  let parsed = 0;
  // Hashing (pass 1) reads each file once and moves the "read" part of the bar.
  const sources: SourceFile[] = list.map(({ name, file }) => ({
    name,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    sha256: async () => {
      const hash = sha256Js([new Uint8Array(await file.arrayBuffer())]);
      read += file.size;
      post({ type: 'progress', phase: 'read', file: name, rows: 0, overall: (0.2 * read) / total });
      return hash;
    },
  }));
  const classified = await classify(sources, sha256Js, true, others);
  let current = '';
  let lastPost = 0;
  const salt = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const arrow: Record<string, Uint8Array> = {};
  const { manifest, rejects } = await ingestClassified(classified, { asOfLimit: limit, asOfFromOption: asOf !== null, salt, version: 'browser' }, {
    sha256: sha256Js,
    store: async (d, t) => {
      post({ type: 'progress', phase: 'store', file: d.name, rows: t.rowCount, overall: 0.2 + (0.8 * parsed) / total });
      arrow[d.name] = toArrowIpc(t.columns, t.values);
      return { arrow: `${d.name}.arrow`, parquet: '' };
    },
  }, {
    logger: { info() {}, warn() {} },
    now: () => new Date(),
    progress: ({ file, fraction, rows }) => {
      if (file !== current) {
        if (current) parsed += size.get(current)!;
        current = file;
      }
      const now = performance.now();
      if (now - lastPost < 50 && fraction < 1) return;
      lastPost = now;
      post({ type: 'progress', phase: 'parse', file, rows, overall: Math.min(1, 0.2 + (0.8 * (parsed + fraction * size.get(file)!)) / total) });
    },
  }, new Date().toISOString());
  post({ type: 'done', manifest, rejects, arrow, ms: performance.now() - t0 }, Object.values(arrow).map((a) => a.buffer as ArrayBuffer));
}

self.onmessage = (e: MessageEvent<TryRequest>) => {
  run(e.data).catch((err: unknown) => {
    post({ type: 'error', message: err instanceof IngestError ? err.message : `unexpected error: ${(err as Error)?.message ?? String(err)}` });
  });
};
