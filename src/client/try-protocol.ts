/** Messages between the "Try your data" page and its ingest worker. */
import type { Manifest } from '../ingest/manifest.ts';
import type { Reject } from '../ingest/types.ts';

/** `others`: names of dropped files of other types (pdf, zip…), listed in the report as not ingested. */
export interface TryRequest { files: File[]; others: string[]; asOf: string | null }

export type TryMessage =
  /** `overall`: 0…1 over reading, hashing and parsing every file, weighted by size. */
  | { type: 'progress'; phase: 'read' | 'parse' | 'store'; file: string; rows: number; overall: number }
  | { type: 'done'; manifest: Manifest; rejects: Reject[]; arrow: Record<string, Uint8Array>; ms: number }
  | { type: 'error'; message: string };
