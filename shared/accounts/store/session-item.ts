import type { SessionRecord } from "#accounts/core/session";
import { timeToLive } from "#platform/db/table-definition";
import { accountKeys } from "./keys";

/** The stored item of a session, found by its token hash (`createdAtMs`: when it was made). */
export const toSessionItem = (session: SessionRecord, createdAtMs: number) => ({
  ...accountKeys.session(session.tokenHash),
  type: "session",
  account_id: session.accountId,
  created_at: new Date(createdAtMs).toISOString(),
  expires_at: new Date(session.expiresAtMs).toISOString(),
  ...timeToLive(session.expiresAtMs),
});

/** The session held by a stored session item (the token hash is its key). */
export const fromSessionItem = (
  tokenHash: string,
  item: Record<string, unknown>,
): SessionRecord => ({
  accountId: item.account_id as string,
  tokenHash,
  expiresAtMs: Date.parse(item.expires_at as string),
});

/** The stored reference to a session under its account's partition (listing, revoking). */
export const toSessionRefItem = (session: SessionRecord) => ({
  ...accountKeys.sessionRef(session.accountId, session.tokenHash),
  type: "session_ref",
  ...timeToLive(session.expiresAtMs),
});
