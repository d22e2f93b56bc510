/** Test helpers: temp folders, silent effects, fixture writing, reading outputs back. */
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { IngestEffects } from '../src/ingest/types.ts';

/** A fixed clock: 2026-11-20 12:00 Asia/Shanghai. */
export const FIXED_NOW = new Date('2026-11-20T04:00:00Z');

/** Effects that record log lines instead of printing them. */
export function silentEffects(): IngestEffects & { lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: { info: (m) => lines.push(m), warn: (m) => lines.push(`warn: ${m}`) }, now: () => FIXED_NOW };
}

const made: string[] = [];
/** A fresh temp folder, removed by `cleanup()`. */
export async function tempDir(prefix = 'hsq-'): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
export async function cleanup(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** A copy of the sample company at `<dir>/第二家公司` under another name (second member of an association report). */
export async function secondCompany(dir: string): Promise<string> {
  const second = join(dir, '第二家公司');
  await cp('data/sample', second, { recursive: true });
  await writeFile(join(second, 'quality.config.json'), JSON.stringify({ company: { name: '第二家政有限公司', name_en: 'Second Co.' } }));
  return second;
}

/** Writes `files` (name → text) into `dir`; `gb18030: true` encodes as GB18030 without BOM. */
export async function writeFiles(dir: string, files: Record<string, string | { text: string; gb18030?: boolean; bom?: boolean }>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, f] of Object.entries(files)) {
    const spec = typeof f === 'string' ? { text: f } : f;
    const bytes = spec.gb18030 ? iconv.encode(spec.text, 'gb18030') : Buffer.from((spec.bom ? '\uFEFF' : '') + spec.text, 'utf8');
    await writeFile(join(dir, name), bytes);
  }
}

/** The rows of an ingested dataset's Arrow file as plain objects. */
export async function arrowRows(outDir: string, dataset: string): Promise<Record<string, unknown>[]> {
  const t = tableFromIPC(await readFile(join(outDir, `${dataset}.arrow`)));
  return t.toArray().map((r) => ({ ...r.toJSON() }));
}

/** An in-memory DuckDB connection for a test file: opened before its tests, closed after them. */
export function duckdbForTests(): { readonly conn: DuckDBConnection } {
  let db: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    conn = await db.connect();
  });
  afterAll(() => {
    conn?.closeSync();
    db?.closeSync();
  });
  return { get conn() { return conn!; } };
}
