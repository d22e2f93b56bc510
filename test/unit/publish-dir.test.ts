/** Putting a staged build in place: across disks, over an earlier build, and refusing folders it must not replace. */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutDir, OutDirError, publishDir } from '../../src/site/publish-dir.ts';
import { PROJECT_ROOT } from '../../src/site/build-site.ts';
import { cleanup, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

/** A staged build with `index.html` saying `text`, inside the project as the build makes it. */
async function stage(text: string): Promise<string> {
  const dir = join(PROJECT_ROOT, 'node_modules', '.cache', 'hsq-site', `test-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await writeFiles(dir, { 'index.html': text });
  await writeFiles(join(dir, 'data'), { 'orders.arrow': 'arrow' });
  return dir;
}

/** A folder on another disk than the project when the machine has one (tmpfs /dev/shm), else the temp folder. */
async function otherDisk(): Promise<string> {
  const project = (await stat(PROJECT_ROOT)).dev;
  const shm = await stat('/dev/shm').catch(() => null);
  if (shm && shm.dev !== project) return mkdtemp('/dev/shm/hsq-pub-');
  return tempDir('hsq-pub-');
}

describe('publishDir', () => {
  it('moves a build to a new folder on another disk and leaves no stage or temporary folder', async () => {
    const parent = await otherDisk();
    try {
      const from = await stage('new');
      const out = join(parent, 'site', 'nested');
      await publishDir(from, out);
      expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('new');
      expect(await readFile(join(out, 'data', 'orders.arrow'), 'utf8')).toBe('arrow');
      expect(await stat(from).catch(() => null)).toBeNull();
      expect(await readdir(join(parent, 'site'))).toEqual(['nested']);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('replaces an earlier build completely (no stale page survives)', async () => {
    const parent = await tempDir();
    const out = join(parent, 'dist');
    await writeFiles(out, { 'index.html': 'old', 'gone.html': 'stale' });
    await publishDir(await stage('new'), out);
    expect((await readdir(out)).sort()).toEqual(['data', 'index.html']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('new');
    expect(await readdir(parent)).toEqual(['dist']);
  });
});

describe('checkOutDir', () => {
  const keep = { root: PROJECT_ROOT, dataDir: 'data/out' };
  const refusal = (out: string, k = keep) => checkOutDir(out, k).then(() => 'accepted', (e: unknown) => (e instanceof OutDirError ? e.message : `other: ${String(e)}`));

  it('accepts a new folder, an empty one and an earlier build', async () => {
    const parent = await tempDir();
    await mkdir(join(parent, 'empty'));
    await writeFiles(join(parent, 'built'), { 'index.html': '<p>' });
    for (const out of [join(parent, 'new'), join(parent, 'empty'), join(parent, 'built'), 'dist']) expect(await refusal(out)).toBe('accepted');
  });

  it('refuses the project, a folder holding the data, and a non-empty folder that is no build', async () => {
    const parent = await tempDir();
    await writeFiles(join(parent, 'documents'), { 'report.docx': 'x' });
    expect(await refusal('.')).toMatch(/^--out \.: would replace the project folder/);
    expect(await refusal('..')).toMatch(/would replace the project folder/);
    expect(await refusal('data')).toMatch(/holds the ingested data \(data\/out\)/);
    expect(await refusal(join(parent, 'documents'))).toMatch(/is not empty and holds no earlier build/);
    await writeFile(join(parent, 'documents', 'index.html'), '');
    expect(await refusal(join(parent, 'documents'))).toBe('accepted');
  });
});
