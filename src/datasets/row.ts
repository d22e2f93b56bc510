/** The row-level types the validator, the row rules and the dataset definitions share. */

/** A row-level problem: the column it concerns (null: the whole row) and why. */
export interface RowIssue { column: string | null; message: string }

/** Limits a row is checked against that depend on the whole ingest, not on the row. */
export interface RowContext { asOfLimit: number }
