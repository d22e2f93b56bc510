/**
 * Puts a finished build in place. Astro builds inside the project (its server chunks resolve
 * packages from node_modules, and it renames between its cache and the output, which fails
 * across disks), so the site is staged there and moved to the chosen folder only when it is
 * complete: any folder, relative or absolute, on any disk, and a failed build leaves the old
 * output as it was.
 */
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Thrown for an output folder the build must not replace; the message says why. */
export class OutDirError extends Error {
  override name = 'OutDirError';
}

/** Whether `child` is `parent` or lies under it. */
const inside = (child: string, parent: string): boolean => {
  const r = relative(parent, child);
  return !isAbsolute(r) && r.split(sep)[0] !== '..';
};

/**
 * Refuses an output folder whose replacement would destroy something else: the project itself,
 * a folder holding the data the site is built from, or a non-empty folder that is not a build.
 */
export async function checkOutDir(outDir: string, keep: { root: string; dataDir: string }): Promise<void> {
  const out = resolve(outDir);
  if (inside(keep.root, out)) throw new OutDirError(`--out ${outDir}: would replace the project folder ${keep.root}; choose a folder of its own (default dist/)`);
  if (inside(resolve(keep.dataDir), out)) throw new OutDirError(`--out ${outDir}: holds the ingested data (${keep.dataDir}) the site is built from; choose another folder`);
  const entries = await readdir(out).catch(() => null);
  if (entries && entries.length > 0 && !entries.includes('index.html')) {
    throw new OutDirError(`--out ${outDir}: is not empty and holds no earlier build (no index.html); it would be replaced, so choose an empty or new folder`);
  }
}

/** Moves `from` to `to` (a path that does not exist), copying when they are on different disks. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Replaces `outDir` with the finished build in `stage` (which is consumed). The new tree is first
 * brought next to `outDir` (same disk), then swapped in with renames; a folder that cannot be
 * renamed (a mount point) has its contents replaced instead.
 */
export async function publishDir(stage: string, outDir: string): Promise<void> {
  const out = resolve(outDir);
  await mkdir(dirname(out), { recursive: true });
  const tag = `${process.pid}-${Date.now()}`;
  const next = join(dirname(out), `.${basename(out)}.next-${tag}`);
  const old = join(dirname(out), `.${basename(out)}.old-${tag}`);
  try {
    await move(stage, next);
    const exists = await stat(out).then(() => true, () => false);
    if (!exists) return await rename(next, out);
    try {
      await rename(out, old);
    } catch {
      for (const e of await readdir(out)) await rm(join(out, e), { recursive: true, force: true });
      for (const e of await readdir(next)) await rename(join(next, e), join(out, e));
      return;
    }
    await rename(next, out);
  } finally {
    await rm(next, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
