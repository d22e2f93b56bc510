/** The repository holds source, tests and the bundled sample only: no generated output is tracked. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (h: string): string => h.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');

describe('documentation', () => {
  it('links from README and docs/ to files and headings that exist', () => {
    const docs = ['README.md', ...tracked.filter((f) => /^docs\/.*\.md$/.test(f))];
    const broken: string[] = [];
    for (const from of docs) {
      const text = readFileSync(from, 'utf8');
      for (const [, target] of text.matchAll(/\]\(((?:docs\/|\.\.?\/|#)[^)\s]*)\)/g)) {
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const path = file === '' ? from : file.startsWith('docs/') ? file : join(dirname(from), file);
        if (path.startsWith('..')) continue; // the shared contract lives outside the repository
        if (!existsSync(path)) { broken.push(`${from} → ${target}`); continue; }
        if (anchor && !readFileSync(path, 'utf8').split('\n').some((l) => /^#+\s/.test(l) && slug(l.replace(/^#+/, '')) === anchor)) broken.push(`${from} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
