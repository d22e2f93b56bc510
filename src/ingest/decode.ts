/**
 * Turns a CSV file's bytes into text. Exports from Excel on Chinese Windows are GB18030/GBK
 * (no BOM) or UTF-8 with a BOM; "Unicode text" exports are UTF-16 with a BOM. Detection is by
 * BOM, then strict UTF-8, then strict GB18030: a file is never decoded into mojibake.
 */

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface Decoded { text: string; encoding: Encoding }

export class DecodeError extends Error {
  override name = 'DecodeError';
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Finds the first byte offset at which strict UTF-8 decoding fails (for error messages). */
function firstBadUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 16) {
    const mid = (lo + hi) >> 1;
    if (strict('utf-8', bytes.subarray(0, Math.max(0, mid - 4))) === null) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** Decodes `bytes`, naming `file` in the error when no supported encoding fits. */
export function decodeCsv(bytes: Uint8Array, file: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strict('utf-8', bytes.subarray(3));
    if (text === null) throw new DecodeError(`${file}: starts with a UTF-8 BOM but is not valid UTF-8 (near byte ${firstBadUtf8(bytes)})`);
    return { text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  throw new DecodeError(
    `${file}: cannot read the file as text: it is neither UTF-8 (invalid near byte ${firstBadUtf8(bytes)}) nor GB18030/GBK. ` +
      'Save it from Excel as "CSV UTF-8" or "CSV (逗号分隔)".',
  );
}
