// Whether a ticket won, pure: the code check and the outcome. verify-ticket.ts does the reads.
import { digestsEqual } from "#platform/crypto/hash-key";
import { DomainError } from "#platform/errors";
import type { TicketRecord } from "./claim";
import type { Winner } from "./prizes";
import type { RaffleRecord } from "./raffle-record";

/**
 * Refuses a code that is not the ticket's: `typedCodeHash` is the keyed hash of the typed code
 * in canonical form, undefined when it could not be a code at all (refused alike).
 */
export function checkTicketCode(ticket: TicketRecord, typedCodeHash: string | undefined): void {
  if (typedCodeHash === undefined || !digestsEqual(ticket.code_hash, typedCodeHash)) {
    throw new DomainError(
      "invalid_verification_code",
      "The verification code does not match this ticket",
    );
  }
}

/** The answer for a ticket whose code matched: pending until the draw, then won or lost. */
export function ticketOutcome(
  raffle: RaffleRecord,
  ticketNumber: number,
  winner: Winner | undefined,
): { ticket_number: number; status: "pending" | "won" | "lost"; prize: string | null } {
  if (raffle.status !== "drawn")
    return { ticket_number: ticketNumber, status: "pending", prize: null };
  return winner
    ? { ticket_number: ticketNumber, status: "won", prize: winner.prize }
    : { ticket_number: ticketNumber, status: "lost", prize: null };
}
