import { keyedHash } from "#platform/crypto/hash-key";
import { checkTicketCode, ticketOutcome } from "#raffles/core/ticket-verification";
import { normaliseVerificationCode } from "#raffles/core/verification-code";
import { readRaffleAndTicket } from "#raffles/store/ticket-store";
import { readWinner } from "#raffles/store/winner-store";

/**
 * Whether a ticket won, for whoever holds its code: one BatchGetItem reads the raffle and the
 * ticket together, and a drawn raffle's answer needs one GetItem more. A wrong code, or one that
 * cannot be a code at all, is 403 whatever the ticket's fate; the reads come first either way, so
 * both are refused alike.
 */
export async function verifyTicket(id: string, ticketNumber: number, typedCode: string) {
  const canonicalCode = normaliseVerificationCode(typedCode);
  const [{ raffle, ticket }, codeHash] = await Promise.all([
    readRaffleAndTicket(id, ticketNumber),
    canonicalCode === undefined ? undefined : keyedHash(canonicalCode),
  ]);
  checkTicketCode(ticket, codeHash);
  const winner = raffle.status === "drawn" ? await readWinner(raffle, ticketNumber) : undefined;
  return ticketOutcome(raffle, ticketNumber, winner);
}
