/** Debian's Chromium, launched headless with the flags this kind of machine needs (tests, benchmark, report PDF). */
import { chromium, type Browser } from 'playwright-core';

/** Where the browser is: `$CHROMIUM_PATH` or Debian's package path. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Chromium headless; no network side channels (updates, sync, QUIC). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
