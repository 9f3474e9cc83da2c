/** Waits a random time below min(cap, base·2^attempt): full jitter, so racers spread out. */
export function backoff(attempt: number, baseMs: number, capMs: number): Promise<void> {
  const ms = Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
