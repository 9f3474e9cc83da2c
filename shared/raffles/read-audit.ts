import { configuredBeacon } from "#raffles/beacon/configured-beacon";
import { type Audit, auditOf } from "#raffles/core/audit-document";
import { readRaffleAndShards } from "#raffles/store/raffle-store";
import { storedWinners } from "#raffles/store/winner-store";

/** The audit of a raffle (core/audit-document.ts): its record and shards, and its winners once drawn. */
export async function readAudit(id: string): Promise<Audit> {
  const { record, shards } = await readRaffleAndShards(id);
  const winners = record.status === "drawn" ? await storedWinners(record) : null;
  return auditOf(record, shards, () => configuredBeacon().info, winners);
}
