/**
 * Runs one ingest in its own process so its peak memory can be read alone:
 * `node src/bench/ingest-child.ts <csv dir> <out dir>` prints {"ingest_ms", "peak_rss_mb"}.
 */
import { ingest } from '../ingest/ingest.ts';

const [inDir, outDir] = process.argv.slice(2);
if (!inDir || !outDir) throw new Error('usage: ingest-child.ts <csv dir> <out dir>');
const t0 = performance.now();
await ingest({ inDir, outDir, salt: 'bench', full: true }, { logger: { info() {}, warn() {} }, now: () => new Date() });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ingest_ms: Math.round(ms), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
