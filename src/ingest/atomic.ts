/** Directory output that is all or nothing: build in a sibling temp dir, then swap by rename. */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Runs `fill(tmpDir)` and, only if it succeeds, replaces `outDir` with what it wrote. On any
 * error the temp dir is removed and `outDir` is left exactly as it was.
 */
export async function writeDirAtomically<T>(outDir: string, fill: (tmpDir: string) => Promise<T>): Promise<T> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(parent, `.${basename(outDir)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(outDir)}.old-${stamp}`);
  await mkdir(tmp, { recursive: true });
  let result: T;
  try {
    result = await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  let moved = false;
  try {
    await rename(outDir, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  await rename(tmp, outDir);
  if (moved) await rm(old, { recursive: true, force: true });
  return result;
}
