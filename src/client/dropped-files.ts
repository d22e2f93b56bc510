/** Files from a drop or a file picker, folders included (read recursively). */

import { isHiddenFile, isIngestFile } from '../ingest/file-types.ts';

/**
 * `files` as the build's ingest would take them from a folder: the ones it reads (CSV,
 * spreadsheets) and the names of the others, which the report lists as not ingested.
 */
export function splitDropped(files: readonly File[]): { readable: File[]; others: string[] } {
  const shown = files.filter((f) => !isHiddenFile(f.name));
  return { readable: shown.filter((f) => isIngestFile(f.name)), others: shown.filter((f) => !isIngestFile(f.name)).map((f) => f.name).sort() };
}

function entries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call; call until it returns none.
  return new Promise((resolve, reject) => {
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) return resolve(all);
      all.push(...batch);
      next();
    }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    out.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
  } else if (entry.isDirectory) {
    for (const e of await entries(entry as FileSystemDirectoryEntry)) await walk(e, out);
  }
}

/** Every file dropped, descending into dropped folders where the browser allows it. */
export async function collectDropped(dt: DataTransfer): Promise<File[]> {
  const roots = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null));
  if (roots.length === 0 || roots.some((r) => !r)) return [...dt.files];
  const out: File[] = [];
  for (const r of roots) await walk(r!, out);
  return out;
}
