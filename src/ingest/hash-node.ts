/** Node's native SHA-256 behind the ingest's injected hash (several times faster than pure JS). */
import { createHash, hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Sha256 } from './hash.ts';

export const sha256Node: Sha256 = (parts) => {
  // A few strings (a salted id): one-shot hashing, about twice as fast as a Hash object per value.
  if (Array.isArray(parts) && parts.length <= 4 && parts.every((p) => typeof p === 'string')) return hash('sha256', parts.join(''), 'hex');
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/**
 * SHA-256 of a file, read 4 MB at a time into one buffer (a 200 MB export is never held in
 * memory for it; a read stream's 64 KB chunks cost twice the time at 150 MB).
 */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  const f = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (;;) {
      const { bytesRead } = await f.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await f.close();
  }
  return h.digest('hex');
}
