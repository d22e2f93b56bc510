/**
 * SHA-256 for the ingest, injected: Node's native hash in the build, a pure-JS one in the
 * browser's drop-in worker (crypto.subtle is async and missing on plain-http intranet hosts).
 * Both give the same hex, so file hashes and hashed ids agree between build and browser.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Hex SHA-256 of the concatenated parts (strings as UTF-8). */
export type Sha256 = (parts: Iterable<string | Uint8Array>) => string;

/** The portable implementation (@noble/hashes). */
export const sha256Js: Sha256 = (parts) => {
  const h = sha256.create();
  for (const p of parts) h.update(typeof p === 'string' ? utf8ToBytes(p) : p);
  return bytesToHex(h.digest());
};

/** Salted SHA-256, shortened and memoised: stable across runs with the same salt, useless without it. */
export function piiHasher(salt: string, hash: Sha256): (v: string) => string {
  const memo = new Map<string, string>();
  return (v) => {
    let h = memo.get(v);
    if (h === undefined) {
      h = hash([salt, '\u0000', v]).slice(0, 16);
      memo.set(v, h);
    }
    return h;
  };
}
