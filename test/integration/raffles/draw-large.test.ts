import { randomBytes } from "node:crypto";
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { db, requestCounter, tableName } from "#platform/db/client";
import { raffleKeys, winnerPartitions } from "#raffles/store/keys";
import { cachedRaffleMeta } from "#raffles/store/raffle-meta-cache";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { createTestRaffle, raffleApi } from "../../support/raffle-api";

/**
 * Fills every shard counter directly: the raffle looks sold out without 3,000 claims (its chain
 * heads are made up, so its register would not verify; this test is about the winners' items).
 */
async function fillShards(id: string) {
  await raffleApi.get(id); // this process learns the raffle's shards from a first read
  const shards = cachedRaffleMeta(id)?.shards;
  if (!shards) throw new Error("raffle not cached");
  // One Put per shard, all at once: the setup need not wait for 64 round trips in a row.
  await Promise.all(
    Array.from({ length: shards.count }, (_, i) =>
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...raffleKeys.shard(id, i),
            next: shards.end[i],
            head: randomBytes(32).toString("hex"),
            last_claimed_at: new Date().toISOString(),
          },
        }),
      ),
    ),
  );
}

useBeaconClockAhead();

describe("a draw of many prize units", () => {
  it("spreads 2,500 winners over partitions of at most 1,000 and lists them in ticket order", async () => {
    const id = await createTestRaffle(3000, [
      { name: "Car", quantity: 1 },
      { name: "Mug", quantity: 2499 },
    ]);
    await fillShards(id);
    requestCounter.reset();
    const draw = await raffleApi.draw(id);
    expect(draw.status).toBe(200);
    expect(requestCounter.byCommand.BatchWriteItemCommand).toBe(100);
    const winners = draw.body.winners as { prize: string; ticket_number: number }[];
    expect(winners).toHaveLength(2500);
    const tickets = winners.map((w) => w.ticket_number);
    expect(new Set(tickets).size).toBe(2500);
    expect(tickets).toEqual([...tickets].sort((a, b) => a - b));
    expect(tickets.every((t) => t >= 1 && t <= 3000)).toBe(true);
    expect(winners.filter((w) => w.prize === "Car")).toHaveLength(1);

    expect(winnerPartitions(2500)).toBe(3);
    for (let partition = 0; partition < 3; partition++) {
      const { Count } = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": raffleKeys.winnerPartition(id, partition) },
          Select: "COUNT",
        }),
      );
      expect(Count).toBeGreaterThan(0);
      expect(Count).toBeLessThanOrEqual(1000);
    }
    expect((await raffleApi.winners(id)).body.winners).toEqual(winners);
  }, 180_000); // 100 BatchWriteItems and a 2,500-winner read: minutes on a loaded CI machine
});
