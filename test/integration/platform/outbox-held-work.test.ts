// A stream record whose work another claim holds (after a crash: the dead consumer's lease).
// By default the consumer waits the claim out, so the whole batch waits with it; work that a
// scheduled pass also drives (webhooks) is left to that pass at once instead, and the pass does
// it once the claim has lapsed. Real stream records from DynamoDB Local, real claims.
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { type OutboxWork, outboxConsumer } from "#platform/outbox/consumer";
import { runDueWork } from "#platform/outbox/due-work";
import { workAttributes } from "#platform/outbox/work-item";
import { claimWork } from "#platform/outbox/work-store";
import { streamContext } from "../../support/notifications";
import { streamRecords } from "../../support/stream-records";

const KIND = "held-test";
const realNow = clock.now;
afterEach(() => {
  clock.now = realNow;
});

/** Work that only notes what it was given to do. */
function notingWork() {
  const performed: string[] = [];
  const work: OutboxWork = {
    kind: KIND,
    async perform(item) {
      performed.push(item.outbox_id as string);
      return { status: "done" };
    },
  };
  return { work, performed };
}

/** Two pending items made a minute ago (past the stream's grace for the scheduled pass). */
async function twoItems(label: string) {
  const createdAt = new Date(realNow() - 60_000).toISOString();
  const ids = [`${label}-held`, `${label}-free`];
  for (const id of ids) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `HELDTEST#${id}`,
          sk: "WORK",
          ...workAttributes({ kind: KIND, id, createdAt }),
        },
      }),
    );
  }
  const records = (await streamRecords()).filter((record: DynamoDBRecord) =>
    ids.some((id) => record.dynamodb?.Keys?.pk?.S === `HELDTEST#${id}`),
  );
  expect(records).toHaveLength(2);
  return { held: { pk: `HELDTEST#${ids[0]}`, sk: "WORK" }, ids, records };
}

describe("outbox work another claim holds", () => {
  it("is waited out by default: the held record is done in the same batch once the claim lapses", async () => {
    const { work, performed } = notingWork();
    const { held, ids, records } = await twoItems("wait");
    expect((await claimWork(held, "dead-consumer", 1_500)).outcome).toBe("claimed");
    const consume = outboxConsumer(work, { leaseMs: 1_000 });
    expect(await consume({ Records: records }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    expect(performed.sort()).toEqual([...ids].sort());
  });

  it("is left to the scheduled pass when the work has one, which does it after the claim lapses", async () => {
    const { work, performed } = notingWork();
    const { held, ids, records } = await twoItems("leave");
    expect((await claimWork(held, "dead-consumer", 60_000)).outcome).toBe("claimed");
    const consume = outboxConsumer(work, { leaseMs: 1_000, leaveHeldToDuePass: true });
    // Neither waited for nor handed back (a redelivery would only find it held again).
    expect(await consume({ Records: records }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    expect(performed).toEqual([ids[1]]);
    // Still held: the pass leaves it too.
    await runDueWork([work]);
    expect(performed).toEqual([ids[1]]);
    // The dead consumer's claim has lapsed: the pass does it, once.
    clock.now = () => realNow() + 61_000;
    await runDueWork([work]);
    await runDueWork([work]);
    expect(performed).toEqual([ids[1], ids[0]]);
  });
});
