/**
 * `npm run dev` support, as a Vite plugin (serve mode only): serves the ingested Arrow files (and each page's answers and row partitions) under
 * `<base>data/` from HSQ_DATA_DIR, as the build copies them into dist/data/, and reloads every open
 * page when scripts/dev.ts announces new data (it runs Astro in the same process).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { SITE_DATA } from './site-files.ts';

/** The process event scripts/dev.ts emits after a re-ingest. */
export const DATA_CHANGED = 'hsq:data-changed';

export function devData(base: string): Plugin {
  const prefix = `${base.replace(/\/$/, '')}/data/`;
  return {
    name: 'hsq-dev-data',
    apply: 'serve',
    configureServer(server) {
      const reload = () => server.ws.send({ type: 'full-reload' });
      process.on(DATA_CHANGED as 'beforeExit', reload);
      server.httpServer?.on('close', () => process.off(DATA_CHANGED as 'beforeExit', reload));
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        if (!path.startsWith(prefix) || !(path.endsWith('.arrow') || path.endsWith('.json'))) return next();
        // Only a bare file name inside the data dir (raw Arrow) or its site/ folder (answers, row partitions): no path traversal.
        const name = basename(decodeURIComponent(path));
        const dir = resolve(process.env.HSQ_DATA_DIR ?? 'data/out');
        const file = join(dir, name.endsWith('.json') || name.startsWith('rows-') ? SITE_DATA : '', name);
        try {
          const s = await stat(file);
          const type = file.endsWith('.json') ? 'application/json' : 'application/vnd.apache.arrow.stream';
          res.writeHead(200, { 'content-type': type, 'content-length': s.size, 'cache-control': 'no-store' });
          createReadStream(file).pipe(res);
        } catch {
          next();
        }
      });
    },
  };
}
