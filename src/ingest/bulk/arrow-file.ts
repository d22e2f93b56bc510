/**
 * An Arrow IPC stream file written batch by batch: each record batch goes to the operating
 * system (one gathered write, off the JS thread) as soon as it is complete, so at 1M rows the
 * file is mostly written while later rows are still being read out of DuckDB, instead of ~90 MB
 * in one go at the end.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { RecordBatchStreamWriter, type RecordBatch } from 'apache-arrow';

/** apache-arrow's stream writer, handing each encoded piece to `take` instead of its async queue. */
class PieceWriter extends RecordBatchStreamWriter {
  take: (piece: Uint8Array) => void = () => undefined;

  protected override _write(chunk: ArrayBufferView): this {
    if (this._started && chunk.byteLength > 0) {
      this.take(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this._position += chunk.byteLength;
    }
    return this;
  }
}

export interface ArrowFileWriter {
  /** Encodes `batch` (all with one schema; dictionaries shared by identity) and queues its write. */
  write(batch: RecordBatch): void;
  /** Ends the stream and resolves once everything is on disk and the file is closed. */
  finish(): Promise<void>;
  /** Closes the file after a failure (its content is then incomplete). */
  abort(): Promise<void>;
}

/** Opens `path` for a streamed Arrow file. */
export async function arrowFileWriter(path: string): Promise<ArrowFileWriter> {
  const file: FileHandle = await open(path, 'w');
  const writer = new PieceWriter();
  let pieces: Uint8Array[] = [];
  writer.take = (p) => { pieces.push(p); };
  let writing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    const out = pieces;
    pieces = [];
    // The pieces are views of the batch's buffers, which no later row changes.
    if (out.length > 0) writing = writing.then(() => file.writev(out));
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close();
  };
  return {
    write(batch) {
      writer.write(batch);
      flush();
    },
    async finish() {
      writer.finish();
      flush();
      try {
        await writing;
      } finally {
        await close();
      }
    },
    async abort() {
      await writing.catch(() => undefined);
      await close();
    },
  };
}
