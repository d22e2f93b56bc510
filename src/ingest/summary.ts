/** The human-readable summary printed after an ingest. */
import type { Manifest } from './manifest.ts';

const n = (x: number) => x.toLocaleString('en');

/** Formats counts per dataset, top reject reasons and where the output went. */
export function formatSummary(m: Manifest, outDir: string, ms: number, skipped = false): string {
  const rows = Object.values(m.datasets).map((d) => [d.name, n(d.files.length), n(d.rows_read), n(d.rows_accepted), n(d.rows_rejected), n(d.rows_superseded), `${d.min_date ?? '–'} … ${d.max_date ?? '–'}`]);
  const header = ['dataset', 'files', 'read', 'accepted', 'rejected', 'superseded', 'dates'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [fmt(header), ...rows.map(fmt), ''];
  out.push(`as of ${m.as_of ?? '(no data)'} (${m.as_of_source === 'option' ? 'from --as-of' : 'latest timestamp in the data'})`);
  if (m.rejects.rows > 0) {
    out.push(`${n(m.rejects.rows)} row(s) rejected (${n(m.rejects.problems)} problem(s)); see ${outDir}/${m.rejects.file}. Top reasons:`);
    for (const r of m.rejects.top_reasons) out.push(`  ${String(r.count).padStart(6)}  ${r.reason}`);
  }
  if (m.unrecognised_files.length > 0) out.push(`not ingested (unrecognised): ${m.unrecognised_files.join(', ')}`);
  out.push(skipped ? `inputs unchanged: kept ${outDir} (ingested ${m.generated_at})` : `wrote ${outDir} in ${(ms / 1000).toFixed(1)} s`);
  return out.join('\n');
}
