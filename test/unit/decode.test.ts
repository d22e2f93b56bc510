import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeCsv, DecodeError } from '../../src/ingest/decode.ts';

const TEXT = '订单编号,门店\r\nD1,朝阳店\r\n';

describe('decodeCsv', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeCsv(Buffer.from(TEXT), 'a.csv')).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('\uFEFF' + TEXT), 'a.csv')).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });
  it('detects GB18030 (GBK) without a BOM and never produces mojibake', () => {
    expect(decodeCsv(iconv.encode(TEXT, 'gb18030'), 'a.csv')).toEqual({ text: TEXT, encoding: 'gb18030' });
    expect(decodeCsv(iconv.encode(TEXT, 'gbk'), 'a.csv').text).toBe(TEXT);
  });
  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    expect(decodeCsv(iconv.encode(TEXT, 'utf-16le', { addBOM: true }), 'a.csv')).toEqual({ text: TEXT, encoding: 'utf-16le' });
  });
  it('refuses bytes that are neither UTF-8 nor GB18030, naming the file', () => {
    // 0x80 alone is invalid in both UTF-8 and GB18030; 0xFF is never valid in GB18030 lead position.
    const bad = Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0x80, 0x0a]);
    expect(() => decodeCsv(bad, 'bad.csv')).toThrow(DecodeError);
    expect(() => decodeCsv(bad, 'bad.csv')).toThrow(/bad\.csv: cannot read the file as text/);
  });
});
