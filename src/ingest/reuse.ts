/**
 * Incremental ingest: a dataset's previous output is kept when re-reading it could not change
 * it — same files (names and SHA-256), same ingest code, same salt, same as-of bound (or a later
 * clock with no row rejected for lying in the future), and unchanged keys in every dataset it
 * references. Anything else re-ingests that dataset.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { DATASETS } from '../datasets/registry.ts';
import type { Dataset, DatasetName } from '../datasets/define.ts';
import type { Manifest } from './manifest.ts';
import { notIngestedFiles, type Classified, type FileRef, type PipelineOptions, type Reused } from './pipeline.ts';
import type { Reject } from './types.ts';

export interface Previous { dir: string; manifest: Manifest; salt: string; rejects: Reject[] }

/** The previous output in `dir`, or null when there is none usable. */
export async function loadPrevious(dir: string): Promise<Previous | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const salt = (await readFile(join(dir, '.pii-salt'), 'utf8')).trim();
    const rejects = JSON.parse(await readFile(join(dir, 'rejects.json'), 'utf8')) as Reject[];
    if (manifest.schema_version !== 1 || typeof manifest.ingest_version !== 'string') return null;
    return { dir, manifest, salt, rejects };
  } catch {
    return null;
  }
}

let version: Promise<string> | null = null;
/** Fingerprint of the code that decides what ingest writes (src/ingest, src/datasets, src/lib). */
export function ingestVersion(): Promise<string> {
  version ??= (async () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const h = createHash('sha256');
    for (const dir of ['ingest', 'datasets', 'lib']) {
      const names = (await readdir(join(src, dir), { recursive: true })).filter((n) => n.endsWith('.ts')).sort();
      for (const n of names) h.update(relative(src, join(src, dir, n))).update('\u0000').update(await readFile(join(src, dir, n)));
    }
    return h.digest('hex').slice(0, 16);
  })();
  return version;
}

const FUTURE = 'is after the as-of time';
async function sameFiles(a: readonly FileRef[], b: readonly { name: string; sha256: string }[]): Promise<boolean> {
  if (a.length !== b.length || a.some((f, i) => f.name !== b[i]!.name)) return false;
  const hashes = await Promise.all(a.map((f) => f.sha256()));
  return hashes.every((h, i) => h === b[i]!.sha256);
}

/** Whether `d`'s previous output still stands for these files and referenced key hashes. */
export async function unchanged(prev: Previous, opts: PipelineOptions, d: Dataset, files: readonly FileRef[], keyHashes: ReadonlyMap<DatasetName, string | null>): Promise<boolean> {
  const m = prev.manifest;
  const pd = m.datasets[d.name];
  if (!pd || m.ingest_version !== opts.version || prev.salt !== opts.salt || !(await sameFiles(files, pd.files))) return false;
  const asOfOk = opts.asOfFromOption
    ? m.as_of_source === 'option' && m.as_of_limit_ms === opts.asOfLimit
    : m.as_of_source === 'data' && m.as_of_limit_ms <= opts.asOfLimit && !prev.rejects.some((r) => r.dataset === d.name && r.reason.endsWith(FUTURE));
  return asOfOk && d.references.every((r) => (keyHashes.get(r.dataset) ?? null) === (m.datasets[r.dataset]?.keys_sha256 ?? null));
}

/** True when nothing at all changed: the previous output is the answer and nothing is written. */
export async function allUnchanged(prev: Previous, opts: PipelineOptions, c: Classified): Promise<boolean> {
  const m = prev.manifest;
  if (JSON.stringify(m.unrecognised_files) !== JSON.stringify(notIngestedFiles(c))) return false;
  const hashes = new Map(Object.values(m.datasets).map((d) => [d.name, d.keys_sha256]));
  for (const d of DATASETS) {
    const files = c.filesOf.get(d.name) ?? [];
    const pd = m.datasets[d.name];
    const same = files.length === 0 ? (pd ? pd.files.length === 0 : d.optional) : await unchanged(prev, opts, d, files, hashes);
    if (!same) return false;
  }
  return true;
}

/** The reuse hook for the pipeline: links the previous files into `tmp` and hands back their manifest, rejects and warnings. */
export function reuser(prev: Previous, opts: PipelineOptions, tmp: string) {
  return async (d: Dataset, files: readonly FileRef[], keyHashes: ReadonlyMap<DatasetName, string | null>): Promise<Reused | null> => {
    if (!(await unchanged(prev, opts, d, files, keyHashes))) return null;
    const pd = prev.manifest.datasets[d.name]!;
    try {
      for (const f of [pd.arrow, pd.parquet]) await link(join(prev.dir, f), join(tmp, f)).catch(() => copyFile(join(prev.dir, f), join(tmp, f)));
    } catch {
      return null;
    }
    return {
      manifest: pd,
      rejects: prev.rejects.filter((r) => r.dataset === d.name),
      warnings: prev.manifest.warnings.filter((w) => files.some((f) => w.startsWith(`${f.name}: `))),
      keys: async () => {
        const t = tableFromIPC(await readFile(join(tmp, pd.arrow)));
        const col = t.getChild(d.key[0]!);
        const set = new Set<string>();
        for (const v of col ?? []) set.add(String(v));
        return set;
      },
    };
  };
}
