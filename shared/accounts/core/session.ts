/** A stored session as authentication reads it. */
export interface SessionRecord {
  accountId: string;
  tokenHash: string;
  expiresAtMs: number;
}

/** How long a session lasts: `SESSION_TTL_SECONDS`, 24 hours by default. */
export const sessionTtlMs = () => Number(process.env.SESSION_TTL_SECONDS ?? 86_400) * 1000;

/** Whether a session still authenticates at `nowMs` (DynamoDB deletes expired items lazily). */
export const isSessionLive = (
  session: SessionRecord | undefined,
  nowMs: number,
): session is SessionRecord => session !== undefined && session.expiresAtMs > nowMs;
