/**
 * A Vite plugin: Observable Plot makes its default number format, an Intl.NumberFormat, when its
 * module is evaluated. The first Intl.NumberFormat a page makes costs 20–40 ms (ICU's number data),
 * on the dashboard's path to its first filter change, and our charts never use it: their axes are
 * formatted by d3 and their texts are strings. The plugin makes that format when it is first used.
 * It fails the build if Plot's line changes, so an upgrade cannot drop it silently.
 */
import type { Plugin } from 'vite';

const FILE = /[\\/]@observablehq[\\/]plot[\\/]src[\\/]format\.js$/;
const EAGER = 'export const formatDefault = formatAuto();';
// formatAuto's own dispatch, with the number format made on first need.
const LAZY = `let numberDefault;
export function formatDefault(v) {
  return v instanceof Date ? formatIsoDate(v) : typeof v === "number" ? (numberDefault ??= formatNumber())(v) : string(v);
}`;

/** `code` of Plot's format.js with `formatDefault` made lazy; throws if the line is not there. */
export function lazyFormatDefault(code: string): string {
  if (!code.includes(EAGER)) throw new Error(`plot-lazy-format: Plot's format.js no longer has "${EAGER}"; check src/site/plot-lazy-format.ts against the new version`);
  return code.replace(EAGER, LAZY);
}

/** The Vite plugin (astro.config.mjs). */
export function plotLazyFormat(): Plugin {
  return {
    name: 'hsq-plot-lazy-format',
    transform(code, id) {
      return FILE.test(id.split('?')[0]!) ? { code: lazyFormatDefault(code), map: null } : null;
    },
  };
}
