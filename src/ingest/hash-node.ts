/** Node's native SHA-256 behind the ingest's injected hash (several times faster than pure JS). */
import { createHash, hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Sha256 } from './hash.ts';

export const sha256Node: Sha256 = (parts) => {
  // A few strings (a salted id): one-shot hashing, about twice as fast as a Hash object per value.
  if (Array.isArray(parts) && parts.length <= 4 && parts.every((p) => typeof p === 'string')) return hash('sha256', parts.join(''), 'hex');
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** SHA-256 of a file, streamed (a 200 MB export is never held in memory for it). */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
