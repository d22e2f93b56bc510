/**
 * An Astro integration: after the build, every page that loads a module script gets
 * `<link rel="modulepreload">` for the chunks that script imports (transitively). Without it the
 * browser learns of the shared view chunk only after it has fetched and parsed the entry, a
 * round trip plus a busy main thread later; with it both download together with the HTML.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const SCRIPT = /<script type="module" src="([^"]+)"/g;
// Static imports only (`import{a as b}from"./x.js"`, `import"./x.js"`); dynamic `import("./x.js")` stays lazy.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

/** The static imports of the module at `src` (a URL path under `base`), transitively, as URL paths. */
export async function staticImports(src: string, dir: string, base: string, seen = new Set<string>()): Promise<string[]> {
  const file = join(dir, src.slice(base.length));
  const code = await readFile(file, 'utf8').catch(() => '');
  for (const [, rel] of code.matchAll(STATIC_IMPORT)) {
    const path = new URL(rel!, `http://h${src}`).pathname;
    if (seen.has(path)) continue;
    seen.add(path);
    await staticImports(path, dir, base, seen);
  }
  return [...seen];
}

/** `html` with modulepreload links for its module scripts' imports, before `</head>`. */
export async function withModulePreloads(html: string, dir: string, base: string): Promise<string> {
  const found = new Set<string>();
  for (const [, src] of html.matchAll(SCRIPT)) for (const p of await staticImports(src!, dir, base)) found.add(p);
  if (!found.size || !html.includes('</head>')) return html;
  const links = [...found].map((p) => `<link rel="modulepreload" href="${p}">`).join('');
  return html.replace('</head>', `${links}</head>`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out;
}

/** The integration (see the module comment). */
export function modulePreload(): AstroIntegration {
  let base = '/';
  return {
    name: 'hsq-modulepreload',
    hooks: {
      'astro:config:done': ({ config }) => { base = config.base.endsWith('/') ? config.base : `${config.base}/`; },
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        for (const f of await htmlFiles(root)) {
          const html = await readFile(f, 'utf8');
          const next = await withModulePreloads(html, root, base);
          if (next !== html) await writeFile(f, next);
        }
      },
    },
  };
}
