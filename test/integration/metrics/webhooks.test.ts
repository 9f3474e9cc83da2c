import { randomUUID } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { deliverWebhooksFunction, fanOutEventsFunction, webhookEventPut } from "#webhooks";
import { handler as createEndpoint } from "../../../functions/webhooks/create-endpoint";
import { handler as deliver } from "../../../functions/webhooks/deliver-webhooks";
import { handler as fanOut } from "../../../functions/webhooks/fan-out-events";
import { handler as retryPass } from "../../../functions/webhooks/retry-deliveries";
import { handler as retryDelivery } from "../../../functions/webhooks/retry-delivery";
import { passesFilters } from "../../../infra/local/event-filter";
import { described, useEmfCapture } from "../../support/emf";
import { invoke } from "../../support/lambda-event";
import { streamContext } from "../../support/notifications";
import { streamRecords } from "../../support/stream-records";
import { startWebhookReceiver } from "../../support/webhook-receiver";

const emf = useEmfCapture();
const realNow = clock.now;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let seen = 0;

/** The stream's new records that pass a function's filters, as Lambda would hand them over. */
async function newRecords(filters: typeof fanOutEventsFunction.stream.filters) {
  const all = await streamRecords();
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh.filter((record: DynamoDBRecord) => passesFilters(filters, record));
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  clock.now = realNow;
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await receiver.close();
});

describe("the webhooks' metrics", () => {
  it("count fan-outs, deliveries, failed attempts, given-up deliveries, disabled endpoints, re-sends; the retry pass publishes the oldest pending delivery's age", async () => {
    for (const path of ["/ok", "/bad"]) {
      const made = await invoke(createEndpoint, {
        method: "POST",
        path: "/v1/webhook-endpoints",
        body: { url: receiver.url(path), events: ["raffle.drawn"] },
        sourceIp: "127.0.0.1",
      });
      expect(made.status).toBe(201);
    }
    receiver.failFirst("/bad", 1_000, 500);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk: `CAUSE#${randomUUID()}`, sk: "CAUSE" } } },
          webhookEventPut("raffle.drawn", { id: "r_1" }, clock.now()),
        ],
      }),
    );
    emf.take();
    const events = await newRecords(fanOutEventsFunction.stream.filters);
    expect(events).toHaveLength(1);
    await fanOut({ Records: events }, streamContext());
    expect(described(emf.take())).toEqual(["WebhookEventsFannedOut 1"]);

    const deliveries = await newRecords(deliverWebhooksFunction.stream.filters);
    expect(deliveries).toHaveLength(2);
    await deliver({ Records: deliveries }, streamContext());
    expect(described(emf.take())).toEqual(["WebhookAttemptsFailed 1", "WebhooksDelivered 1"]);

    // The failing delivery waits for its retry (about 5 s on): until then nothing is due, and
    // the retry pass publishes no age.
    const pending = [];
    for (const record of deliveries) {
      const { Item } = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: record.dynamodb?.NewImage?.pk?.S, sk: record.dynamodb?.NewImage?.sk?.S },
          ConsistentRead: true,
        }),
      );
      if (Item?.status === "pending") pending.push(Item as { next_attempt_at: number });
    }
    expect(pending).toHaveLength(1);
    const dueAt = pending[0]?.next_attempt_at as number;
    clock.now = () => dueAt - 1;
    await retryPass();
    expect(described(emf.take())).toEqual([]);

    // Ten minutes past its due time (as if no pass had run): the pass publishes that age, in ms
    // (the clock stands still, so it is exact), then attempts the delivery, which fails again.
    clock.now = () => dueAt + 10 * 60_000;
    await retryPass();
    const late = emf.take();
    expect(described(late)).toEqual([
      "WebhookAttemptsFailed 1",
      `WebhookOldestPendingDeliveryAge ${10 * 60_000}`,
    ]);
    expect(late.find((m) => m.name === "WebhookOldestPendingDeliveryAge")?.unit).toBe(
      "Milliseconds",
    );

    // Six days on: the failing delivery is past its 3 days, and its endpoint has failed for
    // more than 5.
    clock.now = () => realNow() + 6 * 24 * 3_600_000;
    await retryPass();
    expect(described(emf.take())).toEqual([
      "WebhookDeliveriesFailed 1",
      "WebhookEndpointsDisabled 1",
      expect.stringMatching(/^WebhookOldestPendingDeliveryAge \d+$/),
    ]);

    const id = deliveries[0]?.dynamodb?.NewImage?.id?.S as string;
    const resent = await invoke(retryDelivery, {
      method: "POST",
      path: `/v1/webhook-deliveries/${id}/retry`,
      pathParameters: { delivery_id: id },
      sourceIp: "127.0.0.1",
    });
    expect(resent.status).toBe(202);
    expect(described(emf.take())).toContain("WebhookDeliveriesRetried 1");
  });
});
