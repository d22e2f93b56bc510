/**
 * What an ingest read and rejected: the Data page of a built site and the validation report of
 * the "Try your data" page are the same tables, drawn by this one renderer.
 */
import type { Manifest } from '../ingest/manifest.ts';
import type { Reject } from '../ingest/types.ts';
import { formatCount, type Lang } from '../i18n/format.ts';
import { h } from './dom.ts';

/** The rejected rows shown on the page; all of them are in the CSV download. */
export const REJECTS_SHOWN = 200;

type IngestSummary = Pick<Manifest, 'as_of' | 'datasets' | 'rejects' | 'unrecognised_files'> & { warnings?: string[] };

/** Tables of datasets, files, warnings, reject reasons and (when given) the rejected rows with a CSV link. */
export function renderIngestReport(doc: Document, lang: Lang, m: IngestSummary, rows?: { rejects: readonly Reject[]; csvHref: string }): HTMLElement[] {
  const zh = lang === 'zh';
  const f = (n: number | null) => formatCount(n, lang);
  const datasets = Object.values(m.datasets);
  const th = (zhText: string, en: string, num = false) => h(doc, 'th', { scope: 'col', class: num ? 'num' : null }, zh ? zhText : en);
  const td = (v: string | number, num = false) => h(doc, 'td', { class: num ? 'num' : null }, typeof v === 'number' ? f(v) : v);
  const table = (id: string, head: HTMLElement[], body: HTMLElement[]) =>
    h(doc, 'div', { class: 'table-wrap' }, h(doc, 'table', { id }, h(doc, 'thead', {}, h(doc, 'tr', {}, head)), h(doc, 'tbody', {}, body)));
  const out: HTMLElement[] = [
    h(doc, 'h2', {}, zh ? '导入了什么' : 'What was ingested'),
    h(doc, 'p', {}, zh
      ? `数据截至 ${m.as_of ?? '–'}。每个数据集：读取 = 接受 + 拒绝 + 被覆盖（被后续导出文件中同一主键的行取代）。`
      : `Data as of ${m.as_of ?? '–'}. For each dataset: read = accepted + rejected + superseded (replaced by a row with the same key in a later export).`),
    table('datasets',
      [th('数据集', 'Dataset'), th('文件', 'Files', true), th('读取', 'Read', true), th('接受', 'Accepted', true), th('拒绝', 'Rejected', true), th('被覆盖', 'Superseded', true), th('日期范围', 'Date range')],
      datasets.map((d) => h(doc, 'tr', { 'data-dataset': d.name }, h(doc, 'th', { scope: 'row' }, d.label[lang]), td(d.files.length, true), td(d.rows_read, true),
        td(d.rows_accepted, true), td(d.rows_rejected, true), td(d.rows_superseded, true), td(`${d.min_date ?? '–'} … ${d.max_date ?? '–'}`)))),
    h(doc, 'h2', {}, zh ? '源文件' : 'Source files'),
    table('files',
      [th('文件', 'File'), th('数据集', 'Dataset'), th('编码', 'Encoding'), th('读取', 'Read', true), th('拒绝', 'Rejected', true), th('被覆盖', 'Superseded', true), th('SHA-256', 'SHA-256')],
      datasets.flatMap((d) => d.files.map((file) => h(doc, 'tr', {}, td(file.name), td(d.label[lang]), td(file.encoding), td(file.rows_read, true), td(file.rows_rejected, true),
        td(file.rows_superseded, true), h(doc, 'td', {}, h(doc, 'code', { title: file.sha256 }, `${file.sha256.slice(0, 12)}…`)))))),
  ];
  if (m.unrecognised_files.length > 0) out.push(h(doc, 'p', { class: 'warn', id: 'unrecognised' }, zh ? '未识别的文件（未导入）：' : 'Files not recognised (not ingested): ', m.unrecognised_files.join(', ')));
  const warnings = (m.warnings ?? []).filter((w) => !m.unrecognised_files.some((u) => w.startsWith(`${u}: `)));
  if (warnings.length > 0) out.push(h(doc, 'ul', { class: 'warn', id: 'warnings' }, warnings.map((w) => h(doc, 'li', {}, w))));
  out.push(h(doc, 'h2', {}, zh ? `被拒绝的行（共 ${f(m.rejects.rows)} 行）` : `Rejected rows (${f(m.rejects.rows)})`));
  if (m.rejects.rows === 0) {
    out.push(h(doc, 'p', {}, zh ? '没有被拒绝的行。' : 'No row was rejected.'));
    return out;
  }
  out.push(table('reject-reasons', [th('行数', 'Rows', true), th('原因', 'Reason')],
    m.rejects.top_reasons.map((t) => h(doc, 'tr', {}, td(t.count, true), td(t.reason)))));
  if (!rows) {
    out.push(h(doc, 'p', { class: 'note' }, zh
      ? '逐行明细（文件、行号、列、值、原因）见导入输出目录中的 rejects.csv；其中可能含个人信息，因此不随网站发布。'
      : 'Row-by-row details (file, line, column, value, reason) are in rejects.csv in the ingest output folder; it may hold personal data, so it is not published with the site.'));
    return out;
  }
  const shown = rows.rejects.slice(0, REJECTS_SHOWN);
  out.push(
    h(doc, 'p', {},
      h(doc, 'a', { class: 'btn', href: rows.csvHref, download: 'rejects.csv', id: 'rejects-download' }, zh ? '下载全部被拒绝的行（CSV）' : 'Download all rejected rows (CSV)'),
      ' ', rows.rejects.length > shown.length ? (zh ? `下表显示前 ${f(shown.length)} 个问题，共 ${f(rows.rejects.length)} 个。` : `The table shows the first ${f(shown.length)} of ${f(rows.rejects.length)} problems.`) : ''),
    table('rejects', [th('数据集', 'Dataset'), th('文件', 'File'), th('行', 'Line', true), th('列', 'Column'), th('值', 'Value'), th('原因', 'Reason')],
      shown.map((r) => h(doc, 'tr', {}, td(r.dataset), td(r.file), h(doc, 'td', { class: 'num' }, String(r.line)), td(r.column ?? ''), td(r.value), td(r.reason)))),
  );
  return out;
}
