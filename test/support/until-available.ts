// What a well-behaved client does with a 503: wait as Retry-After says and send the same
// request again. A race test counts outcomes after such retries, so a loaded machine that makes
// the service shed load changes how long the test takes, never what it counts.

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
}

/** Sends `send()` again while it answers 503, after its Retry-After (jittered), at most `tries` times. */
export async function untilAvailable<R extends Answer>(
  send: () => Promise<R>,
  tries = 8,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status !== 503 || attempt >= tries) return response;
    const seconds = Number(response.headers["retry-after"] ?? "1");
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * (0.5 + Math.random())));
  }
}
