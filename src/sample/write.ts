/**
 * Writes the sample as the messy exports a real company hands over: some files GB18030 with
 * Chinese headers, labels and Excel-style dates, some UTF-8 with English headers; monthly
 * splits; a later re-export that supersedes rows; a few broken rows that must be rejected.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { datasetByName } from '../datasets/registry.ts';
import type { Dataset } from '../datasets/define.ts';
import type { SampleData } from './generate.ts';
import type { Rec } from './record.ts';

export type Style = 'zh' | 'en';
/**
 * How dates are written, overriding the style's own (for the benchmark's shapes): the sample's
 * `YYYY-MM-DD HH:MM:SS`, ISO 8601 with `T` (and with `+08:00`), Chinese Excel `2026/7/5 14:03`,
 * 年月日, or Excel serials.
 */
export type DateForm = 'canonical' | 'iso' | 'iso-offset' | 'slash' | 'chinese' | 'serial';
export interface FileSpec {
  name: string; dataset: keyof SampleData; rows: Rec[]; style: Style; encoding: 'gb18030' | 'utf-8' | 'utf-8-bom'; extra?: Record<string, string>; dates?: DateForm;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local ms `v` as `form` writes it (a date column without its time). */
export function formatDate(v: number, form: DateForm, dateOnly: boolean): string {
  const t = new Date(v);
  const [y, m, day, h, mi, sec] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
  const ymd = `${y}-${pad(m)}-${pad(day)}`;
  switch (form) {
    case 'canonical': return dateOnly ? ymd : `${ymd} ${pad(h)}:${pad(mi)}:${pad(sec)}`;
    case 'iso': return dateOnly ? ymd : `${ymd}T${pad(h)}:${pad(mi)}:${pad(sec)}`;
    case 'iso-offset': return dateOnly ? ymd : `${ymd}T${pad(h)}:${pad(mi)}:${pad(sec)}+08:00`;
    case 'slash': return dateOnly ? `${y}/${m}/${day}` : `${y}/${m}/${day} ${h}:${pad(mi)}`;
    case 'chinese': return dateOnly ? `${y}年${m}月${day}日` : `${y}年${m}月${day}日 ${h}:${pad(mi)}`;
    case 'serial': {
      const days = (v - Date.UTC(1899, 11, 30)) / 86_400_000;
      return dateOnly ? String(Math.floor(days)) : String(+days.toFixed(6));
    }
  }
}

/** One cell's text as the file's style (and date form) writes it. */
export function formatValue(d: Dataset, col: string, v: Rec[string], style: Style, i: number, dates?: DateForm): string {
  if (v === null || v === undefined) return '';
  const spec = d.columns[col]!;
  if (dates && typeof v === 'number' && (spec.kind === 'timestamp' || spec.kind === 'date')) return formatDate(v, dates, spec.kind === 'date');
  if (typeof v === 'number' && (spec.kind === 'timestamp' || spec.kind === 'date')) {
    const t = new Date(v);
    const [y, m, day, h, mi] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
    if (style === 'en') return spec.kind === 'date' ? `${y}-${pad(m)}-${pad(day)}` : `${y}-${pad(m)}-${pad(day)} ${pad(h)}:${pad(mi)}:00`;
    if (spec.kind === 'date') return i % 7 === 0 ? `${y}年${m}月${day}日` : `${y}/${m}/${day}`;
    return i % 11 === 0 ? `${y}年${m}月${day}日 ${h}:${pad(mi)}` : `${y}/${m}/${day} ${h}:${pad(mi)}`;
  }
  if (typeof v === 'boolean') {
    if (style === 'en') return v ? 'true' : 'false';
    if (col === 'passed') return v ? '合格' : '不合格';
    if (col === 'valid') return v ? '成立' : '不成立';
    return v ? '是' : '否';
  }
  if (style === 'zh' && spec.labels && typeof v === 'string') return spec.labels[v]?.[0] ?? v;
  if (style === 'zh' && col === 'overall' && typeof v === 'number' && i % 3 === 0) {
    return ['', '非常不满意', '不满意', '一般', '满意', '非常满意'][v]!;
  }
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One file's text (CRLF line ends, as Excel writes them) in chunks of about `chunk` lines, so a
 * 10M-row file never becomes one string (V8 caps a string near 512 MB).
 */
export function* csvChunks(f: FileSpec, chunk = 20_000): Generator<string> {
  const d = datasetByName(f.dataset);
  const cols = Object.keys(d.columns);
  const header = cols.map((c) => (f.style === 'zh' ? d.columns[c]!.aliases[0]! : c));
  const extraCols = Object.keys(f.extra ?? {});
  const extras = extraCols.map((c) => f.extra![c]!);
  let lines = [[...header, ...extraCols].map(csvField).join(',')];
  for (let i = 0; i < f.rows.length; i++) {
    const row = f.rows[i]!;
    const cells = cols.map((c) => formatValue(d, c, row[c] ?? null, f.style, i, f.dates));
    lines.push([...cells, ...extras].map(csvField).join(','));
    if (lines.length >= chunk) { yield lines.join('\r\n') + '\r\n'; lines = []; }
  }
  if (lines.length) yield lines.join('\r\n') + '\r\n';
}

/** Renders one file's text whole (small files; `writeSample` streams). */
export function renderCsv(f: FileSpec): string {
  return [...csvChunks(f)].join('');
}

/** Encodes and writes the files into `dir`, replacing the CSV files already there. */
export async function writeSample(dir: string, files: readonly FileSpec[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const old of await readdir(dir)) if (/\.csv$/i.test(old)) await rm(join(dir, old));
  for (const f of files) {
    const out = createWriteStream(join(dir, f.name));
    const done = new Promise<void>((res, rej) => { out.on('finish', res); out.on('error', rej); });
    if (f.encoding === 'utf-8-bom') out.write('\uFEFF');
    for (const text of csvChunks(f)) {
      const ok = out.write(f.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
      if (!ok) await once(out, 'drain');
    }
    out.end();
    await done;
  }
}
