/**
 * The bulk ingest's look at an input file on disk (Node), never holding all of it: its head
 * (BOM, header bytes, whether they are UTF-8), then one streamed pass — run while DuckDB reads
 * the same file — that hashes it for the manifest, checks it is UTF-8 throughout and indexes its
 * records. Rows the JavaScript validator must see are read back by offset.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { RecordScanner, type RecordIndex } from './scan.ts';

export interface FileHead {
  bom: boolean;
  /** The first 64 KB after any BOM. */
  head: Uint8Array;
  /** The head is UTF-8 (a character cut at its end aside). */
  utf8: boolean;
}

export interface FileScan {
  /** SHA-256 of the whole file (BOM included), hex. */
  sha256: string;
  /** The whole file is UTF-8 (after any BOM). */
  utf8: boolean;
  /** Record offsets (from the start of the file) and lines; null when not UTF-8 or not of the simple shape. */
  index: RecordIndex | null;
}

const PIECE = 4 << 20;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
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

/** The first bytes of `path`. */
export async function readHead(path: string): Promise<FileHead> {
  const f = await open(path, 'r');
  try {
    const start = new Uint8Array(HEAD + 3);
    const { bytesRead } = await f.read(start, 0, start.length, 0);
    const bom = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf;
    const head = start.slice(bom ? 3 : 0, bytesRead);
    return { bom, head, utf8: isUtf8(head.subarray(0, completeUtf8(head))) };
  } finally {
    await f.close();
  }
}

/**
 * Reads `path` once (`piece` bytes at a time), hashing it, checking UTF-8 and indexing its
 * records as it goes; a record longer than `maxRecord` bytes stops the indexing (not the rest).
 */
export async function scanFile(path: string, piece = PIECE, maxRecord = MAX_RECORD): Promise<FileScan> {
  const { bom } = await readHead(path);
  const f = await open(path, 'r');
  const { size } = await f.stat();
  const hash = createHash('sha256');
  if (bom) hash.update(BOM);
  const scanner = new RecordScanner();
  // One buffer: an unfinished record is moved to its front and the next piece read after it.
  let buf = new Uint8Array(piece);
  let filled = 0;
  let checked = 0; // buf[0, checked) is known to be UTF-8
  const start = bom ? 3 : 0;
  let at = start; // file offset of buf[0]
  let utf8 = true;
  let indexing = true;
  try {
    for (;;) {
      if (indexing && filled === buf.length) {
        if (buf.length >= maxRecord) indexing = false;
        else {
          const grown = new Uint8Array(buf.length * 2);
          grown.set(buf);
          buf = grown;
        }
      }
      if (!indexing) {
        // Only the hash and the UTF-8 check go on: keep just an unfinished character.
        const keep = utf8 ? checked : filled;
        buf.copyWithin(0, keep, filled);
        at += keep;
        filled -= keep;
        checked = 0;
      }
      const { bytesRead } = await f.read(buf, filled, Math.min(piece, buf.length - filled), at + filled);
      hash.update(buf.subarray(filled, filled + bytesRead));
      const last = bytesRead === 0;
      filled += bytesRead;
      if (utf8) {
        const upTo = last ? filled : checked + completeUtf8(buf.subarray(checked, filled));
        utf8 = isUtf8(buf.subarray(checked, upTo));
        checked = upTo;
        if (!utf8) indexing = false;
      }
      if (indexing) {
        const used = scanner.scan(buf.subarray(0, filled), at, last);
        // After the first piece, room for the whole file at that piece's density (and a tenth more).
        if (at === start && used > 0 && scanner.records > 0) scanner.reserve((size / (used / scanner.records)) * 1.1);
        if (!last) {
          buf.copyWithin(0, used, filled);
          filled -= used;
          checked -= used;
          at += used;
        }
      }
      if (last) break;
    }
  } finally {
    await f.close();
  }
  return { sha256: hash.digest('hex'), utf8, index: utf8 && indexing ? scanner.finish(at + filled) : null };
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
