/**
 * Makes sure the browser tests can run: Debian's Chromium at /usr/bin/chromium and a CJK font
 * (fonts-noto-cjk) so Chinese renders in screenshots and PDFs, and poppler-utils for PDF checks. Installs them with apt-get when
 * running as root (CI); otherwise fails with a clear message. No browser download (none works here).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH as CHROMIUM } from '../src/lib/chromium.ts';

function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

const missing: string[] = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');
// pdftotext and pdftoppm: the report tests read the PDF's text and render its pages.
if (!existsSync('/usr/bin/pdftotext')) missing.push('poppler-utils');

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`error: the browser tests need ${missing.join(' and ')}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.error(`installing ${missing.join(', ')} with apt-get (one-time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing, 'fontconfig'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (e) {
    console.error(`error: apt-get install ${missing.join(' ')} failed: ${(e as Error).message}`);
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`error: ${CHROMIUM} still missing after installing chromium`);
    process.exit(1);
  }
}
