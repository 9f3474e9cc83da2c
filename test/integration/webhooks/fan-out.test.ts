// The fan-out reads the endpoints once per batch of stream records, not once per event: the
// read starts after the batch came in, so it finds every endpoint created before any of the
// batch's events, as a read per event would. It records an event nobody subscribes to with one
// write, and fans out an item that carries its event (a monitoring alert's entry) like an event
// item. Driven by DynamoDB Local's real stream records.
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { db, requestCounter, tableName } from "#platform/db/client";
import { outboxConsumer } from "#platform/outbox/consumer";
import { claimWork, completeUnclaimedWork } from "#platform/outbox/work-store";
import { fanOutWork, webhookEventPut } from "#webhooks";
import { deliveryId, EVENT_KIND } from "#webhooks/core/delivery";
import type { WebhookEventType } from "#webhooks/core/events";
import { webhookKeys } from "#webhooks/store/keys";
import { handler as getAlert } from "../../../functions/monitoring/get-alert";
import { handler as createEndpoint } from "../../../functions/webhooks/create-endpoint";
import { invoke } from "../../support/lambda-event";
import { invokeAsManager, postEvent } from "../../support/monitoring";
import { streamRecords } from "../../support/stream-records";

const consumer = outboxConsumer(fanOutWork(), { leaseMs: 5_000 });
const context = { awsRequestId: "fan-out-test", getRemainingTimeInMillis: () => 60_000 };

beforeAll(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
});
afterAll(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

async function createAlertEndpoint(): Promise<string> {
  const created = await invoke(createEndpoint, {
    method: "POST",
    path: "/v1/webhook-endpoints",
    body: { url: "http://127.0.0.1:9/alerts", events: ["monitoring.alert.raised"] },
    sourceIp: "127.0.0.1",
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** Writes `count` events of `type`; returns their stream records, as the stream delivers them. */
async function writeEvents(
  count: number,
  type: WebhookEventType = "monitoring.alert.raised",
): Promise<DynamoDBRecord[]> {
  const seen = (await streamRecords()).length;
  const puts = Array.from({ length: count }, (_, i) =>
    webhookEventPut(type, { alert_id: `al_${i}_000000000001` }, clock.now()),
  );
  await db.send(new TransactWriteCommand({ TransactItems: puts }));
  const records = await streamRecords(seen);
  expect(records).toHaveLength(count);
  return records;
}

/** How many deliveries the fan-out recorded for each event of `records`. */
async function deliveriesOf(records: DynamoDBRecord[]) {
  return Promise.all(
    records.map(async (record) => {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keyOf(record) }));
      expect(Item?.status).toBe("fanned_out");
      expect(Item?.attempts).toBe(1);
      expect(Item).not.toHaveProperty("lease_until");
      return Item?.deliveries;
    }),
  );
}

/** Fans one batch of records out, all of it; returns how many Queries that took. */
async function fanOut(records: DynamoDBRecord[]) {
  requestCounter.reset();
  expect((await consumer({ Records: records }, context)).batchItemFailures).toEqual([]);
  return requestCounter.byCommand.QueryCommand;
}

/** The work item a stream record is about. */
const keyOf = (record: DynamoDBRecord) => {
  const { pk, sk } = record.dynamodb?.Keys ?? {};
  return { pk: pk?.S as string, sk: sk?.S as string };
};

describe("fanning a batch of events out", () => {
  it("reads the endpoints once for the whole batch, and the next batch finds a newer endpoint", async () => {
    await createAlertEndpoint();
    const first = await writeEvents(20);
    // Each event: its claim, its delivery and its result; the endpoints: one Query for all 20.
    expect(await fanOut(first)).toBe(1);
    expect(await deliveriesOf(first)).toEqual(first.map(() => 1));

    // Created after the first batch's read, before the second batch's events.
    await createAlertEndpoint();
    const second = await writeEvents(5);
    expect(await fanOut(second)).toBe(1);
    expect(await deliveriesOf(second)).toEqual(second.map(() => 2));
  });
});

describe("an event no endpoint subscribes to", () => {
  it("is recorded fanned out by one write, no claim, and a redelivery changes nothing", async () => {
    await createAlertEndpoint();
    const records = await writeEvents(10, "coupon.redeemed");
    expect(await fanOut(records)).toBe(1);
    // One conditional write per event, where a claim and a result made two.
    expect(requestCounter.byCommand.UpdateItemCommand).toBe(10);
    expect(await deliveriesOf(records)).toEqual(records.map(() => 0));

    // The stream delivers the batch again: every write finds the work done.
    await fanOut(records);
    expect(requestCounter.byCommand.PutItemCommand).toBeUndefined();
    expect(await deliveriesOf(records)).toEqual(records.map(() => 0));
  });

  it("is not finished without a claim while another consumer's claim holds it", async () => {
    const [record] = await writeEvents(1, "coupon.redeemed");
    const key = keyOf(record as DynamoDBRecord);
    expect((await claimWork(key, "other-consumer", 60_000)).outcome).toBe("claimed");
    const id = record?.dynamodb?.NewImage?.outbox_id?.S as string;
    const work = { key, kind: EVENT_KIND, id };
    expect(await completeUnclaimedWork(work, "fanned_out", { deliveries: 0 })).toBe(false);

    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key }));
    expect(Item).toMatchObject({ status: "pending", claim_token: "other-consumer", attempts: 1 });
  });
});

describe("a monitoring alert", () => {
  it("is fanned out from its entry, which carries its webhook event", async () => {
    const endpointId = await createAlertEndpoint();
    const seen = (await streamRecords()).length;
    const user = 4242;
    const posted = await postEvent({ type: "withdraw", amount: "150.00", user_id: user, time: 1 });
    expect(posted.body.alert_codes).toEqual([1100]);
    // One PutItem wrote the entry, and with it the event: one stream record, the entry's.
    const records = await streamRecords(seen);
    expect(records.map((r) => [r.eventName, keyOf(r)])).toEqual([
      ["INSERT", { pk: `MON#USER#${user}`, sk: "ENTRY#000000000001" }],
    ]);

    expect(await fanOut(records)).toBe(1);
    // One delivery per endpoint this file created, all subscribed to alerts.
    expect(await deliveriesOf(records)).toEqual([4]);
    const eventId = records[0]?.dynamodb?.NewImage?.webhook_event?.M?.id?.S as string;
    const { Item } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: webhookKeys.delivery(deliveryId(eventId, endpointId)),
      }),
    );
    expect(Item).toMatchObject({ event_id: eventId, type: "monitoring.alert.raised" });
    const body = JSON.parse(Item?.body as string);
    expect(body).toMatchObject({
      type: "monitoring.alert.raised",
      data: { alert_id: `al_${user}_000000000001`, user_id: user, alert_codes: [1100] },
    });
    // The alert is still read from its entry as before.
    const alert = await invokeAsManager(getAlert, {
      pathParameters: { alert_id: `al_${user}_000000000001` },
    });
    expect(alert.body).toEqual(body.data);
  });
});
