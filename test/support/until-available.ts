// What a well-behaved client does with a 503: wait as Retry-After says and send the same
// request again. A race test counts outcomes after such retries, so a loaded machine that makes
// the service shed load changes how long the test takes, never what it counts.

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
}

/**
 * Sends `send()` again while it answers 503, after its Retry-After (jittered), at most `tries`
 * times. The answer says how many 503s came before it: a 503 does not say that nothing was
 * written (a write whose answer DynamoDB was too slow to give may have committed), so a request
 * that is not idempotent may find its own earlier try's work.
 */
export async function untilAvailable<R extends Answer>(
  send: () => Promise<R>,
  tries = 8,
): Promise<R & { unavailable: number }> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status !== 503 || attempt >= tries) {
      return Object.assign(response, { unavailable: attempt - 1 });
    }
    const seconds = Number(response.headers["retry-after"] ?? "1");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * (0.5 + Math.random())));
  }
}
