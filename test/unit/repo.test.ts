/** The repository holds source, tests and the bundled sample only: no generated output is tracked. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);

describe('tracked files', () => {
  it('include no ingest, build or benchmark output', () => {
    // Arrow/Parquet files, manifests and rejects are what `npm run ingest` writes; dist/ and report/ are builds.
    const generated = tracked.filter((f) => /\.(arrow|parquet)$|(^|\/)(manifest|rejects)\.(json|csv)$|\.pii-salt$|^(dist|report|\.astro)\//.test(f));
    expect(generated).toEqual([]);
  });

  it('keep under data/ only the sample company and the configuration', () => {
    const data = tracked.filter((f) => f.startsWith('data/'));
    expect(data.filter((f) => !f.startsWith('data/sample/') && f !== 'data/quality.config.json')).toEqual([]);
    expect(data.filter((f) => f.startsWith('data/sample/') && !/\.csv$/.test(f))).toEqual([]);
  });

  it('hold no large files (a sample CSV is the largest thing a clone needs)', () => {
    const sizes = execFileSync('git', ['ls-files', '-s', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean)
      .map((l) => l.split(/\s+/)[1]!);
    const big = execFileSync('git', ['cat-file', '--batch-check=%(objectsize) %(objectname)'], { input: sizes.join('\n'), encoding: 'utf8' })
      .trim().split('\n').map((l) => Number(l.split(' ')[0])).filter((n) => n > 4 * 1024 * 1024);
    expect(big).toEqual([]);
  });
});
