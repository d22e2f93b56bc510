/**
 * Quoting for SQL text the project generates (paths, column names, labels from the schema
 * modules). Values from a CSV are never spliced into SQL: they are bound as parameters.
 */

/** A SQL string literal. */
export const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A quoted SQL identifier. */
export const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
