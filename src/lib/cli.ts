/** Small helpers shared by the CLI entry points in scripts/. */

/** Logger for CLIs: progress and warnings on stderr, so stdout stays clean for output. */
export const stderrLogger = {
  info: (m: string) => process.stderr.write(`${m}\n`),
  warn: (m: string) => process.stderr.write(`warning: ${m}\n`),
};

/** Runs a CLI main, printing known errors without a stack and exiting non-zero. */
export function runMain(main: () => Promise<number | void>, known: (e: unknown) => boolean): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: unknown) => {
      process.stderr.write(`error: ${known(e) ? (e as Error).message : (e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
