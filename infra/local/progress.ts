/**
 * Progress for the long-running commands (`npm run soak`, `npm run seed`, `verify-draw
 * --register`): one plain line at a time on stderr, so a terminal, a CI log and a pipe all show
 * it, and stdout keeps only the report (a script that reads it sees no change).
 */
/** Prints `message` unless a line was printed less than `everyMs` ago (`force` prints anyway). */
export type Progress = (message: string, force?: boolean) => void;

export function progress(
  name: string,
  everyMs = 2_000,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Progress {
  const started = performance.now();
  let last = Number.NEGATIVE_INFINITY;
  return (message, force = false) => {
    const now = performance.now();
    if (!force && now - last < everyMs) return;
    last = now;
    write(`${name}: ${message} [${((now - started) / 1000).toFixed(1)} s]\n`);
  };
}
