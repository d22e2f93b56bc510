/**
 * One streamed pass over an input file (Node): its SHA-256 for the manifest, whether it is
 * UTF-8, its first bytes (the header) and its record index for the bulk ingest, without
 * holding the file in memory. Rows the JavaScript validator must see are read back by offset.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordScanner, type RecordIndex } from './scan.ts';

export interface FileScan {
  sha256: string;
  /** Valid UTF-8 (after any BOM). */
  utf8: boolean;
  bom: boolean;
  /** The first 64 KB after any BOM. */
  head: Uint8Array;
  /** Record offsets (from the start of the file) and lines; null when not UTF-8 or not of the simple shape. */
  index: RecordIndex | null;
}

const PIECE = 4 << 20;
const HEAD = 65536;
/** A record this long (an unclosed quote, say) stops the indexing: the JavaScript parser reads such a file. */
const MAX_RECORD = 64 << 20;

/** Length of the prefix of `b` that ends on a UTF-8 character boundary. */
function completeUtf8(b: Uint8Array): number {
  let i = b.length - 1;
  while (i >= 0 && b.length - i <= 3 && (b[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return b.length;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i < need ? i : b.length;
}

const join = (a: Uint8Array, b: Uint8Array) => {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** Reads `path` once (`piece` bytes at a time), hashing, checking UTF-8 and indexing its records as it goes. */
export async function scanFile(path: string, piece = PIECE): Promise<FileScan> {
  const f = await open(path, 'r');
  const hash = createHash('sha256');
  const scanner = new RecordScanner();
  const buf = Buffer.allocUnsafe(piece);
  let bom = false;
  let head = new Uint8Array(0);
  let size = 0;
  let utf8 = true;
  let partial = new Uint8Array(0); // an unfinished UTF-8 character
  let carry = new Uint8Array(0); // an unfinished record, starting at file offset carryAt
  let carryAt = 0;
  let indexing = true;
  try {
    const start = new Uint8Array(HEAD + 3);
    const { bytesRead: n } = await f.read(start, 0, start.length, 0);
    bom = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf;
    head = start.slice(bom ? 3 : 0, n);
    carryAt = bom ? 3 : 0;
    for (;;) {
      const { bytesRead } = await f.read(buf, 0, piece, size);
      // A plain view: Buffer's slice() would not copy, and the next read overwrites `buf`.
      let got = new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
      hash.update(got);
      // The BOM is not part of the text (it may take more than one piece when pieces are tiny).
      if (bom && size < 3) got = got.subarray(Math.min(3 - size, bytesRead));
      size += bytesRead;
      const last = bytesRead === 0;
      if (utf8) {
        const text = join(partial, got);
        const upTo = last ? text.length : completeUtf8(text);
        utf8 = isUtf8(text.subarray(0, upTo));
        partial = text.slice(upTo);
      }
      indexing &&= utf8;
      if (indexing) {
        const bytes = join(carry, got);
        const used = scanner.scan(bytes, carryAt, last);
        carry = bytes.slice(used);
        carryAt += used;
        if (carry.length > MAX_RECORD) indexing = false;
      }
      if (last) break;
    }
  } finally {
    await f.close();
  }
  return { sha256: hash.digest('hex'), utf8, bom, head, index: indexing ? scanner.finish(size) : null };
}

/** Reads byte ranges of a file, ascending, through a 4 MB window (one read per window, not per row). */
export function rangeReader(path: string): { read(from: number, to: number): Uint8Array; close(): void } {
  const fd = openSync(path, 'r');
  let win = Buffer.alloc(0);
  let at = 0;
  return {
    read(from, to) {
      if (from < at || to > at + win.length) {
        const len = Math.max(to - from, PIECE);
        win = Buffer.allocUnsafe(len);
        win = win.subarray(0, readSync(fd, win, 0, len, from));
        at = from;
      }
      return win.subarray(from - at, to - at);
    },
    close: () => closeSync(fd),
  };
}
