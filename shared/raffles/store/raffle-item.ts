import { type RaffleRecord, raffleRecordSchema } from "#raffles/core/raffle-record";
import { raffleKeys } from "./keys";

/** The raffle item: its record under its keys and in the newest-first listing (gsi1). */
export const toRaffleItem = (record: RaffleRecord) => ({
  ...raffleKeys.raffle(record.id),
  ...raffleKeys.listing(record.created_at, record.id),
  ...record,
});

/** The raffle record of a stored raffle item (its keys dropped); throws on an item of another form. */
export const fromRaffleItem = (item: Record<string, unknown>): RaffleRecord =>
  raffleRecordSchema.parse(item);
