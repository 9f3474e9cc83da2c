import { DomainError } from "#platform/errors";
import type { Winner } from "#raffles/core/prizes";
import { requireRaffleRecord } from "#raffles/store/raffle-store";
import { storedWinners } from "#raffles/store/winner-store";

/** The winners of a drawn raffle, by ticket number (a Query per winner partition, in parallel). */
export async function readWinners(id: string): Promise<Winner[]> {
  const record = await requireRaffleRecord(id);
  if (record.status !== "drawn") {
    throw new DomainError("not_drawn", "This raffle has not been drawn yet");
  }
  return storedWinners(record);
}
