// The ticket register of a raffle and its digest: pure functions shared by the claim (which
// extends a shard's chain), the draw, the audit and the verifier. Everything is SHA-256 over
// short UTF-8 texts, so that anyone can recompute a value with `printf … | sha256sum`.
import { createHash } from "node:crypto";

const sha256Text = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** One claimed ticket as the register records it. */
export interface RegisterEntry {
  ticket_number: number;
  /** codeDigest() of the ticket's verification code. */
  code_digest: string;
  /** When the claim was made (ISO 8601 with milliseconds). */
  claimed_at: string;
}

/**
 * The public digest of a ticket's verification code, which a player can recompute from their
 * code alone: SHA-256 of `tombola-ticket-v1:<raffle id>:<ticket number>:<code>` (the code in
 * its canonical form: 16 symbols, upper case, no dashes).
 */
export const codeDigest = (raffleId: string, ticketNumber: number, canonicalCode: string) =>
  sha256Text(`tombola-ticket-v1:${raffleId}:${ticketNumber}:${canonicalCode}`);

/** The head of shard `shard`'s chain before its first claim. */
export const chainGenesis = (raffleId: string, shard: number) =>
  sha256Text(`tombola-chain-v1:${raffleId}:${shard}`);

/** The chain's head after one more claim. */
export const nextChainHead = (head: string, entry: RegisterEntry) =>
  sha256Text(`${head}:${entry.ticket_number}:${entry.code_digest}:${entry.claimed_at}`);

/** The head after `entries`, in claim order, starting from the shard's genesis. */
export const chainHeadOf = (raffleId: string, shard: number, entries: readonly RegisterEntry[]) =>
  entries.reduce(nextChainHead, chainGenesis(raffleId, shard));

/**
 * The digest of a complete register: every shard's final head, in shard order. The last claim
 * fixes it; it changes if any ticket's number, code or claim time, or the order of claims within
 * a shard, were different.
 */
export const registerDigest = (raffleId: string, totalTickets: number, heads: readonly string[]) =>
  sha256Text(`tombola-register-v1:${raffleId}:${totalTickets}:${heads.join(":")}`);
