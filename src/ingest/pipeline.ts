/**
 * The ingest pipeline without a file system: source files (bytes on demand) → validated columns
 * per dataset, rejects and the manifest. The build runs it in Node (ingest.ts writes Arrow and
 * Parquet); the "Try your data" page runs the very same code in a Web Worker, so both give the
 * same rows, rejects, line numbers and reasons.
 */
import { DATASETS } from '../datasets/registry.ts';
import type { Dataset, DatasetName } from '../datasets/define.ts';
import { formatLocalTimestamp } from '../lib/datetime.ts';
import { toColumns, type DatasetColumns } from './columns.ts';
import { piiHasher, type Sha256 } from './hash.ts';
import { checkReferences, keyReader, supersede, type Alive } from './merge.ts';
import { assertBalanced, topReasons, type DatasetManifest, type Manifest } from './manifest.ts';
import { datasetByFileName } from './headers.ts';
import { detectDataset, readFile, readSheet, type FileResult } from './read-file.ts';
import { expandWorkbooks, sheetDataset } from './workbook-sources.ts';
import { IngestError, type FileReport, type IngestEffects, type Reject, type SourceFile } from './types.ts';
import type { BulkResult, KeySource } from './bulk/bulk-dataset.ts';

export type { SourceFile } from './types.ts';
/** A classified file; its SHA-256 is computed once, when first asked for (see classify). */
export interface FileRef { name: string; sha256(): Promise<string> }

/** Pass 1's result: which files hold which dataset. */
export interface Classified {
  filesOf: Map<DatasetName, FileRef[]>;
  unrecognised: string[];
  sources: Map<string, SourceFile>;
  /** Files of a type the ingest does not read (pdf, zip, docx…): listed and warned about like unrecognised ones. */
  unsupported?: string[];
  /** Workbooks that could not be opened, with SheetJS's reason: listed and warned about too. */
  unreadable?: { name: string; reason: string }[];
  /** Sheets with no rows: warned about (nothing to ingest), not a failure. */
  emptySheets?: string[];
}

/** A dataset's earlier output that can stand unchanged (incremental build). */
export interface Reused { manifest: DatasetManifest; rejects: Reject[]; warnings: string[]; keys(): Promise<ReadonlySet<string>> }

export interface PipelineOptions {
  asOfLimit: number;
  /** True when the as-of came from the user (then it is the manifest's as-of), not the clock. */
  asOfFromOption: boolean;
  strict?: boolean;
  salt: string;
  version: string;
}

/** What the Node bulk ingest (bulk/bulk-dataset.ts) returns for a dataset it took. */
export type BulkOutcome = Omit<BulkResult, 'parquet'>;

export interface PipelineHooks {
  sha256: Sha256;
  /** Keeps a dataset's final columns (Node: writes Arrow + Parquet; browser: Arrow in memory). */
  store(d: Dataset, t: DatasetColumns): Promise<{ arrow: string; parquet: string }>;
  /** An earlier identical result for `d`, given its files and the key hashes of the datasets done so far. */
  reuse?(d: Dataset, files: readonly FileRef[], keyHashes: ReadonlyMap<DatasetName, string | null>): Promise<Reused | null>;
  /** Ingests `d` in DuckDB when its files suit that (Node, large inputs); null: use the JavaScript path. */
  bulk?(d: Dataset, files: readonly FileRef[], keys: ReadonlyMap<DatasetName, KeySource>, ctx: BulkContext, fx: IngestEffects): Promise<BulkOutcome | null>;
}

export interface BulkContext { asOfLimit: number; salt: string; hash: (v: string) => string }

export interface PipelineResult { manifest: Manifest; rejects: Reject[] }

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Pass 1: finds every file's dataset (by name, else by headers); `unsupported` names the files of
 * other types the caller found beside them (listed as not ingested). `eager` (default) hashes each
 * file here, in order (the browser shows it as reading); otherwise a file is hashed when the
 * hash is first asked for — the Node ingest then hashes a large file while DuckDB reads it.
 */
export async function classify(files: readonly SourceFile[], sha256: Sha256, eager = true, unsupported: readonly string[] = []): Promise<Classified> {
  const filesOf = new Map<DatasetName, FileRef[]>();
  const unrecognised: string[] = [];
  const { sources, unreadable, emptySheets } = await expandWorkbooks(files, sha256);
  for (const s of [...sources].sort(byName)) {
    if (s.sheet) {
      const d = sheetDataset(s.name, s.sheet.name, s.sheet.records);
      if (d) filesOf.set(d.name, [...(filesOf.get(d.name) ?? []), { name: s.name, sha256: s.sha256! }]);
      else unrecognised.push(s.name);
      continue;
    }
    // Only a file whose name does not say its dataset is read here (for its header row).
    const bytes = datasetByFileName(s.name) ? null : await s.bytes();
    const d = detectDataset(s.name, () => bytes!);
    if (!d) {
      unrecognised.push(s.name);
      continue;
    }
    let hashing: Promise<string> | null = null;
    const hash = () => (hashing ??= s.sha256 ? s.sha256() : (async () => sha256([bytes ?? (await s.bytes())]))());
    if (eager) await hash();
    filesOf.set(d.name, [...(filesOf.get(d.name) ?? []), { name: s.name, sha256: hash }]);
  }
  return { filesOf, unrecognised, sources: new Map(sources.map((s) => [s.name, s])), unsupported: [...unsupported], unreadable, emptySheets };
}

/** Every file pass 1 did not ingest (unrecognised or of another type), sorted: the manifest's `unrecognised_files`. */
export function notIngestedFiles(c: Classified): string[] {
  return [...c.unrecognised, ...(c.unsupported ?? []), ...(c.unreadable ?? []).map((u) => u.name)].sort();
}

interface KeySet extends KeySource { hash: string | null }

/**
 * Pass 2, one dataset at a time in reference order (orders and staff first): read, validate,
 * supersede, check references, store, then let its rows go; only key sets are kept for the
 * references of later datasets, so memory peaks at the largest dataset, not at all of them.
 */
export async function ingestClassified(c: Classified, opts: PipelineOptions, hooks: PipelineHooks, fx: IngestEffects, generatedAt: string): Promise<PipelineResult> {
  const warnings: string[] = [];
  const warn = (m: string) => { warnings.push(m); fx.logger.warn(m); };
  for (const name of c.unrecognised) warn(`${name}: not recognised as any dataset (by file name or headers); it was not ingested`);
  for (const name of c.unsupported ?? []) warn(`${name}: not a file type the ingest reads (.csv, .tsv, .txt, .xlsx, .xls, .ods); it was not ingested`);
  for (const u of c.unreadable ?? []) warn(`${u.name}: cannot be read as a workbook (${u.reason}); it was not ingested`);
  for (const name of c.emptySheets ?? []) warn(`${name}: empty sheet, nothing to ingest`);
  const notIngested = notIngestedFiles(c);
  const fileFx: IngestEffects = { ...fx, logger: { ...fx.logger, warn } };
  const hash = piiHasher(opts.salt, hooks.sha256);
  const rejects: Reject[] = [];
  const keys = new Map<DatasetName, KeySet>();
  const manifest: Manifest = {
    schema_version: 1, generated_at: generatedAt, as_of: null, as_of_source: opts.asOfFromOption ? 'option' : 'data',
    as_of_limit_ms: opts.asOfLimit, ingest_version: opts.version,
    datasets: {}, unrecognised_files: notIngested, warnings, rejects: { file: 'rejects.csv', rows: 0, problems: 0, top_reasons: [] },
  };
  for (const d of DATASETS) {
    const refs = c.filesOf.get(d.name) ?? [];
    if (refs.length === 0 && d.optional) continue;
    const keyHashes = new Map([...keys].map(([k, v]) => [k, v.hash]));
    const reused = refs.length > 0 && hooks.reuse ? await hooks.reuse(d, refs, keyHashes) : null;
    if (reused) {
      fx.logger.info(`${d.name}: input unchanged (${refs.map((r) => r.name).join(', ')}); kept the previous output`);
      for (const w of reused.warnings) warn(w);
      rejects.push(...reused.rejects);
      manifest.datasets[d.name] = reused.manifest;
      if (d.key.length === 1) keys.set(d.name, { hash: reused.manifest.keys_sha256, get: reused.keys });
      continue;
    }
    const bulk = refs.length > 0 && hooks.bulk ? await hooks.bulk(d, refs, keys, { asOfLimit: opts.asOfLimit, salt: opts.salt, hash }, fileFx) : null;
    if (bulk) {
      rejects.push(...bulk.rejects);
      keys.set(d.name, { ...bulk.keys, hash: bulk.keysHash });
      manifest.datasets[d.name] = datasetManifest(d, bulk.reports, bulk, bulk.stored, bulk.latest, bulk.keysHash);
      fx.logger.info(`${d.name}: ${manifest.datasets[d.name]!.rows_accepted.toLocaleString('en')} rows`);
      continue;
    }
    const files: FileResult[] = [];
    for (const ref of refs) {
      fx.logger.info(`reading ${ref.name}`);
      const src = c.sources.get(ref.name)!;
      if (src.sheet) {
        files.push(readSheet(ref.name, src.sheet.records, await ref.sha256(), src.sheet.size, d, { asOfLimit: opts.asOfLimit }, fileFx));
        continue;
      }
      files.push(readFile(ref.name, await src.bytes(), await ref.sha256(), d, { asOfLimit: opts.asOfLimit }, fileFx));
    }
    if (files.length === 0) warn(`no file found for ${d.name} (${d.label.zh}); its pages will be empty`);
    const known = new Map<string, ReadonlySet<string>>();
    for (const r of d.references) {
      const k = keys.get(r.dataset);
      // A bulk-ingested dataset builds its key set on first use: ask only when there are rows to check.
      if (k && files.length > 0) known.set(r.dataset, await k.get());
    }
    const alive = crossCheck(d, files, known, rejects);
    let keysHash: string | null = null;
    if (d.key.length === 1) {
      const set = new Set<string>();
      files.forEach((f, fi) => {
        const keyAt = keyReader(d, f);
        alive[fi]!.forEach((on, i) => { if (on) set.add(keyAt(i)); });
      });
      // Streamed into the hash in joined batches: at 1M keys a single joined copy would add to
      // the ingest's memory peak, and one update per key costs a second.
      keysHash = hooks.sha256((function* () {
        let batch: string[] = [];
        for (const k of set) {
          batch.push(k, '\u0000');
          if (batch.length >= 8192) { yield batch.join(''); batch = []; }
        }
        yield batch.join('');
      })());
      keys.set(d.name, { hash: keysHash, get: () => Promise.resolve(set) });
    }
    const latest = maxTimestamp(d, files, alive);
    const table = toColumns(d, files, alive, hash);
    const stored = await hooks.store(d, table);
    manifest.datasets[d.name] = datasetManifest(d, files.map((f) => f.report), table, stored, latest, keysHash);
    fx.logger.info(`${d.name}: ${table.rowCount.toLocaleString('en')} rows`);
  }
  const rejectedRows = Object.values(manifest.datasets).reduce((n, d) => n + d.rows_rejected, 0);
  const order = new Map(DATASETS.map((d, i) => [d.name, i]));
  rejects.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
  if (opts.strict && (rejectedRows > 0 || notIngested.length > 0)) {
    const first = rejects.slice(0, 20).map((r) => `  ${r.file}:${r.line} [${r.column ?? 'row'}] ${r.reason}${r.value ? ` (value: ${r.value})` : ''}`);
    throw new IngestError(
      `--strict: ${rejectedRows} row(s) rejected, ${notIngested.length} file(s) not recognised (${notIngested.slice(0, 5).join(', ')}); output not written.\n${first.join('\n')}`,
    );
  }
  const latest = Object.values(manifest.datasets).reduce<number | null>((m, d) => (d.latest_ms !== null && (m === null || d.latest_ms > m) ? d.latest_ms : m), null);
  const asOf = opts.asOfFromOption ? opts.asOfLimit : latest;
  manifest.as_of = asOf === null ? null : formatLocalTimestamp(asOf);
  manifest.rejects = { file: 'rejects.csv', rows: rejectedRows, problems: rejects.length, top_reasons: topReasons(rejects) };
  assertBalanced(manifest);
  return { manifest, rejects };
}

/**
 * Supersession and references for one dataset's files: adds its rejects, counts accepted rows
 * per file and returns which rows survive.
 */
function crossCheck(d: Dataset, files: FileResult[], keys: ReadonlyMap<string, ReadonlySet<string>>, rejects: Reject[]): Alive {
  for (const f of files) rejects.push(...f.rejects);
  const merged = supersede(d, files);
  rejects.push(...merged.rejects, ...checkReferences(d, files, merged.alive, keys));
  files.forEach((f, fi) => { f.report.rows_accepted += merged.alive[fi]!.reduce((n, on) => n + on, 0); });
  return merged.alive;
}

function datasetManifest(
  d: Dataset, reports: FileReport[], t: Pick<DatasetColumns, 'columns' | 'minDate' | 'maxDate'>, stored: { arrow: string; parquet: string }, latest: number | null, keysHash: string | null,
): DatasetManifest {
  const sum = (k: 'rows_read' | 'rows_accepted' | 'rows_rejected' | 'rows_superseded') => reports.reduce((n, f) => n + f[k], 0);
  return {
    name: d.name, label: d.label, optional: d.optional, files: reports,
    rows_read: sum('rows_read'), rows_accepted: sum('rows_accepted'), rows_rejected: sum('rows_rejected'), rows_superseded: sum('rows_superseded'),
    min_date: t.minDate, max_date: t.maxDate, latest_ms: latest, keys_sha256: keysHash, columns: t.columns, ...stored,
  };
}

/** The latest timestamp among the surviving rows of `d` (any timestamp column). */
function maxTimestamp(d: Dataset, files: readonly FileResult[], alive: Alive): number | null {
  let max: number | null = null;
  files.forEach((f, fi) => {
    const cols = f.accepted.names.filter((c) => d.columns[c]!.kind === 'timestamp');
    const flags = alive[fi]!;
    for (const c of cols) {
      const values = f.accepted.values[f.accepted.names.indexOf(c)]!;
      for (let i = 0; i < flags.length; i++) {
        const v = values[i];
        if (flags[i] && typeof v === 'number' && (max === null || v > max)) max = v;
      }
    }
  });
  return max;
}
