/** Loads the build-time snapshot written by scripts/build.ts (HSQ_DATA_DIR points at it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from './snapshot.ts';

/** The snapshot of the data dir the build was started with. */
export function loadSnapshot(): Snapshot {
  const dir = process.env.HSQ_DATA_DIR ?? 'data/out';
  try {
    return JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')) as Snapshot;
  } catch (e) {
    throw new Error(`no KPI snapshot in ${dir}: build with \`npm run build\` (${(e as Error).message})`);
  }
}
