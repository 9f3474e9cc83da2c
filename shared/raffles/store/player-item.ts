import type { PlayerLock } from "#raffles/core/claim";
import { raffleKeys } from "./keys";

/** The player item: the lock under the player's key. */
export const toPlayerItem = (lock: PlayerLock) => ({
  ...raffleKeys.player(lock.raffleId, lock.playerHash),
  ticket_number: lock.ticketNumber,
});
