/**
 * The bulk engine hashes a file and indexes its records while streaming it in pieces, as DuckDB
 * reads it (bulk/scan-file.ts). Wherever the pieces break — inside a multi-byte character, a
 * CRLF, a quoted line break, the BOM — the index must equal the index of the whole file at
 * once, and the hash, UTF-8 verdict and header bytes must be those of the whole file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indexRecords } from '../../src/ingest/bulk/scan.ts';
import { rangeReader, readHead, scanFile } from '../../src/ingest/bulk/scan-file.ts';
import { cleanup, tempDir, writeFiles } from '../helpers.ts';

afterAll(cleanup);

const FILES: Record<string, string> = {
  // Every record one line, Chinese text (3-byte characters), CRLF endings, no final line break.
  plain: 'id,名字,备注\r\nA1,张三,好\r\nA2,李四,很好\r\nA3,王五,一般',
  // A quoted field with commas, quotes and line breaks; an empty line; a final line break.
  quoted: 'id,note\nA1,"line one\nline two, ""quoted"""\n\nA2,plain\nA3,"a\r\nb"\n',
  // Emoji (4-byte characters) right at the start of records.
  emoji: 'id,note\n😀,x\n😀😀,"😀\n😀"\n',
};

/** The index of the file's body at once, with offsets moved past a BOM. */
const whole = (body: string, bom: boolean) => {
  const index = indexRecords(new TextEncoder().encode(body))!;
  return { ...index, offsets: index.offsets.map((o) => o + (bom ? 3 : 0)) };
};

describe('streamed record scan', () => {
  it('gives the whole-file index, hash and header for any piece size', async () => {
    const d = await tempDir();
    for (const [name, body] of Object.entries(FILES)) {
      for (const bom of [false, true]) {
        const file = `${name}${bom ? '-bom' : ''}.csv`;
        await writeFiles(d, { [file]: { text: body, bom } });
        const head = await readHead(join(d, file));
        expect(head).toEqual({ bom, head: new TextEncoder().encode(body), utf8: true });
        const expected = whole(body, bom);
        for (const piece of [1, 2, 3, 4, 5, 7, 11, 64, 1 << 20]) {
          const scan = await scanFile(join(d, file), piece);
          expect(scan.utf8, `${file} / ${piece}`).toBe(true);
          expect(scan.sha256, `${file} / ${piece}`).toBe(createHash('sha256').update(await readFile(join(d, file))).digest('hex'));
          expect(scan.index, `${file} / ${piece}`).toEqual(expected);
        }
      }
    }
  });

  it('marks the shapes DuckDB would split differently, and non-UTF-8 files, as not indexable', async () => {
    const d = await tempDir();
    await writeFiles(d, {
      'lone-cr.csv': 'id,x\nA1,1\rA2,2\n',
      'blank-line.csv': 'id,x\nA1,1\n   \nA2,2\n',
      'late-header.csv': '\nid,x\nA1,1\n',
      'gb.csv': { text: 'id,名字\nA1,张三\n', gb18030: true },
    });
    expect((await readHead(join(d, 'gb.csv'))).utf8).toBe(false);
    for (const [file, utf8] of [['lone-cr.csv', true], ['blank-line.csv', true], ['late-header.csv', true], ['gb.csv', false]] as const) {
      for (const piece of [1, 3, 1 << 20]) {
        const scan = await scanFile(join(d, file), piece);
        expect(scan.utf8, file).toBe(utf8);
        expect(scan.index, `${file} / ${piece}`).toBeNull();
        // The hash covers the whole file however early the indexing stopped.
        expect(scan.sha256).toBe(createHash('sha256').update(await readFile(join(d, file))).digest('hex'));
      }
    }
  });

  it('stops indexing at a record too long to hold (an unclosed quote) but still checks the encoding', async () => {
    const d = await tempDir();
    const tail = 'é'.repeat(40);
    await writeFiles(d, { 'open.csv': `id,note\nA1,"never closed\n${tail}\n` });
    await writeFile(join(d, 'open-gb.csv'), Buffer.concat([Buffer.from(`id,note\nA1,"never closed\n${tail}\n`), Buffer.from([0xd5, 0xc5])]));
    const sha = async (f: string) => createHash('sha256').update(await readFile(join(d, f))).digest('hex');
    for (const piece of [3, 16]) {
      expect(await scanFile(join(d, 'open.csv'), piece, 32)).toEqual({ sha256: await sha('open.csv'), utf8: true, index: null });
      expect(await scanFile(join(d, 'open-gb.csv'), piece, 32)).toEqual({ sha256: await sha('open-gb.csv'), utf8: false, index: null });
    }
    // With room for the record, the unclosed quote runs to the end of the file: one record.
    expect((await scanFile(join(d, 'open.csv'), 16))?.index?.count).toBe(1);
  });

  it('reads records back by their offsets', async () => {
    const d = await tempDir();
    await writeFiles(d, { 'q.csv': { text: FILES.quoted!, bom: true } });
    const { index } = await scanFile(join(d, 'q.csv'));
    const r = rangeReader(join(d, 'q.csv'));
    const records = Array.from({ length: index!.count }, (_, i) => new TextDecoder().decode(r.read(index!.offsets[i]!, index!.offsets[i + 1]!)));
    r.close();
    // The empty line after the quoted record belongs to its span, as DuckDB skips it.
    expect(records).toEqual(['A1,"line one\nline two, ""quoted"""\n\n', 'A2,plain\n', 'A3,"a\r\nb"\n']);
    expect([...index!.lines]).toEqual([2, 5, 6]);
    expect(index!.simple).toBe(false);
  });
});
