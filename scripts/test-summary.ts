/** Prints the plain closing line CI reads ("N passed, N failed") from vitest's JSON report. */
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync('test/output/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
process.exit(r.numFailedTests > 0 ? 1 : 0);
