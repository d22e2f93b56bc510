/** Dev aid: node test/e2e/shoot.ts <dist> <out-dir> [paths...] — screenshots of built pages at desktop and phone widths. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, serve } from './harness.ts';

const [dist = 'dist', out = 'test/output/shots', ...paths] = process.argv.slice(2);
const list = paths.length ? paths : ['/', '/satisfaction/', '/complaints/', '/training/', '/workforce/', '/data/', '/method/', '/en/', '/en/complaints/'];
await mkdir(out, { recursive: true });
const server = await serve(dist);
const browser = await launch();
for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[${m.type()}] ${m.text()}`); });
  for (const p of list) {
    await page.goto(server.url + p);
    await page.waitForFunction(() => !('__hsq' in window) || (window as unknown as { __hsq: { engine: string } }).__hsq.engine !== 'loading', null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const name = `${tag}${p.replaceAll('/', '_').replaceAll('?', '_').replaceAll('=', '-').replaceAll('&', '_') || '_'}.png`;
    await page.screenshot({ path: join(out, name), fullPage: true });
    console.log(name);
  }
  await page.close();
}
await browser.close();
await server.close();
