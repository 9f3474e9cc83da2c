import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMS_KIND } from "#notifications/core/notification";
import { notificationFailedWrites } from "#notifications/notification-failed";
import { sendSmsFunction, smsWork } from "#notifications/send-sms";
import { notificationKeys } from "#notifications/store/keys";
import { db, tableName } from "#platform/db/client";
import { outboxConsumer } from "#platform/outbox/consumer";
import { claimWork, failWork } from "#platform/outbox/work-store";
import { awsSmsSender } from "#platform/sms/aws-sms";
import { passesFilters } from "../../../infra/local/event-filter";
import {
  notificationsApi,
  putNotification,
  recordsOf,
  streamContext,
} from "../../support/notifications";
import { expectProblem } from "../../support/problem";
import { serverFault, startSmsStandIn, throttled } from "../../support/sms-stand-in";
import { streamRecords } from "../../support/stream-records";
import { webhookEventItems } from "../../support/webhook-events";

const IDENTITY = "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-abc";
let standIn: Awaited<ReturnType<typeof startSmsStandIn>>;
let consume: ReturnType<typeof outboxConsumer>;

beforeAll(async () => {
  standIn = await startSmsStandIn();
  const sender = awsSmsSender({
    originationIdentity: IDENTITY,
    configurationSetName: "tombola",
    endpoint: standIn.endpoint,
  });
  consume = outboxConsumer(smsWork(sender), { leaseMs: 1_500, retryBaseMs: 5 });
});
afterAll(() => standIn.close());

const stored = async (id: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: tableName,
        Key: notificationKeys.notification(id),
        ConsistentRead: true,
      }),
    )
  ).Item as Record<string, unknown>;

/** The records of this notification that pass the stream function's filter, as Lambda would. */
async function deliverable(id: string): Promise<DynamoDBRecord[]> {
  return recordsOf(await streamRecords(), id).filter((record) =>
    passesFilters(sendSmsFunction.stream.filters, record),
  );
}

const deliver = (records: DynamoDBRecord[]) => consume({ Records: records }, streamContext());

/** The notification's `notification.failed` webhook events, counted by a Query of the outbox. */
const failedEvents = (id: string) =>
  webhookEventItems("notification.failed", (data) => data.id === id);

/** What the event of a given-up notification carries: stable codes, no provider text. */
const failedEventData = (item: { id: string; account_id: string; transaction_id: string }) => ({
  id: item.id,
  channel: "sms",
  status: "failed",
  detail: "provider_error",
  account_id: item.account_id,
  transaction_id: item.transaction_id,
  to: "+41*******00",
  created_at: expect.any(String),
  updated_at: expect.any(String),
});

describe("the SMS consumer on the table's stream", () => {
  it("sends a pending notification once, with the exact wire request, and records sent", async () => {
    const item = await putNotification({ name: "Ada", amount: "12.50", balanceAfter: "112.50" });
    const records = await deliverable(item.id);
    expect(records).toHaveLength(1);
    expect(records[0]?.eventName).toBe("INSERT");

    expect(await deliver(records)).toEqual({ batchItemFailures: [] });
    const sent = standIn.sentFor(item.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.target).toBe("PinpointSMSVoiceV2.SendTextMessage");
    expect(sent[0]?.body).toEqual({
      DestinationPhoneNumber: "+41446681800",
      MessageBody: "Hi Ada, your account was credited with USD 12.50. Balance: USD 112.50.",
      MessageType: "TRANSACTIONAL",
      OriginationIdentity: IDENTITY,
      ConfigurationSetName: "tombola",
      Context: { reference: item.id },
    });
    const after = await stored(item.id);
    expect(after).toMatchObject({
      status: "sent",
      attempts: 1,
      provider_message_id: expect.stringMatching(/^stand-in-/),
    });
    expect(after.lease_until).toBeUndefined();
    expect(after.gsi1pk).toBe(notificationKeys.statusShard("sent", item.id));
    const view = await notificationsApi.get(item.id);
    expect(view.body).toMatchObject({
      status: "sent",
      detail: null,
      to: "+41*******00",
      attempts: 1,
    });
    // Sent: no notification.failed event.
    expect(await failedEvents(item.id)).toEqual([]);
  });

  it("sends once when the same batch is handed over twice (a redelivery)", async () => {
    const a = await putNotification({ type: "debit", amount: "2.00", balanceAfter: "0.00" });
    const b = await putNotification();
    const records = [...(await deliverable(a.id)), ...(await deliverable(b.id))];
    expect(records).toHaveLength(2);
    await deliver(records);
    expect(await deliver(records)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(a.id)).toHaveLength(1);
    expect(standIn.sentFor(b.id)).toHaveLength(1);
    expect(standIn.sentFor(a.id)[0]?.body.MessageBody).toBe(
      "Hi Ada, your account was debited with USD 2.00. Balance: USD 0.00.",
    );
    expect((await stored(a.id)).attempts).toBe(1);
  });

  it("never sends a skipped notification: the filter drops it, and the claim refuses it", async () => {
    const noPhone = await putNotification({ phone: null });
    const optedOut = await putNotification({ smsNotifications: false });
    expect(noPhone).toMatchObject({ status: "skipped", detail: "no_phone" });
    expect(noPhone.to).toBeUndefined();
    expect(optedOut).toMatchObject({ status: "skipped", detail: "opted_out" });
    const all = await streamRecords();
    const raw = [...recordsOf(all, noPhone.id), ...recordsOf(all, optedOut.id)];
    expect(raw).toHaveLength(2);
    expect(raw.filter((record) => passesFilters(sendSmsFunction.stream.filters, record))).toEqual(
      [],
    );
    // Handed over regardless (a filter misconfigured somewhere): the claim still refuses.
    expect(await deliver(raw)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(noPhone.id)).toEqual([]);
    expect(standIn.sentFor(optedOut.id)).toEqual([]);
    expect((await stored(optedOut.id)).status).toBe("skipped");
  });

  it("fails a throttled or faulted send into a retry, and sends on a later delivery", async () => {
    const item = await putNotification();
    const records = await deliverable(item.id);
    standIn.answer(throttled, serverFault);
    const sequence = records[0]?.dynamodb?.SequenceNumber;
    expect(await deliver(records)).toEqual({ batchItemFailures: [{ itemIdentifier: sequence }] });
    expect(await stored(item.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: "ThrottlingException: Rate exceeded",
    });
    expect((await notificationsApi.get(item.id)).body).toMatchObject({
      status: "pending",
      detail: null,
    });
    expect(await deliver(records)).toEqual({ batchItemFailures: [{ itemIdentifier: sequence }] });
    expect((await stored(item.id)).last_error).toBe("InternalServerException: Internal failure");
    expect(await deliver(records)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(3);
    expect(await stored(item.id)).toMatchObject({ status: "sent", attempts: 3 });
    // Failed attempts that end in a send are no give-up: no event.
    expect(await failedEvents(item.id)).toEqual([]);
  });

  it("records failed with the provider's error after the last attempt; the operator's retry sends it", async () => {
    const item = await putNotification();
    const records = await deliverable(item.id);
    standIn.answer(throttled, throttled, throttled, throttled, throttled);
    for (let attempt = 1; attempt < 5; attempt++) {
      expect((await deliver(records)).batchItemFailures).toHaveLength(1);
    }
    expect(await deliver(records)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(5);
    expect(await stored(item.id)).toMatchObject({
      status: "failed",
      attempts: 5,
      detail: "ThrottlingException: Rate exceeded",
    });
    const failed = await notificationsApi.list({ status: "failed", limit: "100" });
    // Issue 19: the provider's text only on manager routes, as provider_message.
    expect(failed.body.items.find((n: { id: string }) => n.id === item.id)).toMatchObject({
      status: "failed",
      detail: "provider_error",
      provider_message: "ThrottlingException: Rate exceeded",
      attempts: 5,
    });
    // The give-up wrote exactly one notification.failed event, in the same transaction: its
    // time is the failed status's, and it says why with the stable code only.
    const events = await failedEvents(item.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual(failedEventData(item));
    const given = await stored(item.id);
    expect(events[0]?.data).toMatchObject({ updated_at: given.updated_at });
    expect(events[0]?.timestamp).toBe(given.updated_at);
    expect(JSON.stringify(events[0])).not.toContain("Throttling");
    // A further redelivery of the old record does nothing: the work is failed, not pending.
    expect(await deliver(records)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(5);
    expect(await failedEvents(item.id)).toHaveLength(1);

    const retried = await notificationsApi.retry(item.id);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({
      id: item.id,
      status: "pending",
      detail: null,
      attempts: 0,
    });
    const again = (await deliverable(item.id)).slice(1);
    expect(again).toHaveLength(1);
    expect(again[0]?.eventName).toBe("MODIFY");
    expect(await deliver(again)).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(6);
    expect(await stored(item.id)).toMatchObject({ status: "sent", attempts: 1, requeues: 1 });
    expectProblem(await notificationsApi.retry(item.id), 409, "not_failed");
    // Sent on the retry: still the one event of the one give-up.
    expect(await failedEvents(item.id)).toHaveLength(1);
  });

  it("fails at once on an error no retry can mend (a refused or opted-out number)", async () => {
    const item = await putNotification();
    standIn.answer({
      status: 400,
      type: "ConflictException",
      message: "The destination phone number is opted out",
      reason: "DESTINATION_PHONE_NUMBER_OPTED_OUT",
    });
    expect(await deliver(await deliverable(item.id))).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(1);
    expect(await stored(item.id), JSON.stringify(await stored(item.id))).toMatchObject({
      status: "failed",
      attempts: 1,
      detail:
        "ConflictException: The destination phone number is opted out (DESTINATION_PHONE_NUMBER_OPTED_OUT)",
    });
    const events = await failedEvents(item.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual(failedEventData(item));
    expect(JSON.stringify(events[0])).not.toContain("opted out");
  });

  it("writes no event when a give-up's claim has lapsed: the status and the event commit together or not at all", async () => {
    const item = await putNotification();
    const key = notificationKeys.notification(item.id);
    const lapsed = await claimWork(key, "slow-consumer", 1);
    expect(lapsed.outcome).toBe("claimed");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await claimWork(key, "next-consumer", 60_000)).outcome).toBe("claimed");
    // The slow consumer gives up under its lapsed claim: refused, and its event with it.
    const now = Date.now();
    const ref = { key, kind: SMS_KIND, id: item.id, token: "slow-consumer" };
    const text = "ValidationException: refused";
    const recorded = await failWork(ref, text, notificationFailedWrites(item, text, now), now);
    expect(recorded).toBe(false);
    expect(await stored(item.id)).toMatchObject({
      status: "pending",
      claim_token: "next-consumer",
    });
    expect(await failedEvents(item.id)).toEqual([]);
  });

  it("retries when the provider cannot be reached at all", async () => {
    const unreachable = outboxConsumer(
      smsWork(awsSmsSender({ originationIdentity: IDENTITY, endpoint: "http://127.0.0.1:9" })),
      { leaseMs: 1_500, retryBaseMs: 5 },
    );
    const item = await putNotification();
    const result = await unreachable({ Records: await deliverable(item.id) }, streamContext());
    expect(result.batchItemFailures).toHaveLength(1);
    expect(await stored(item.id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await stored(item.id)).last_error).toMatch(/ECONNREFUSED|connect/);
  });

  it("waits out another consumer's live claim, then does the work (a consumer that died mid-work)", async () => {
    const item = await putNotification();
    const claimed = await claimWork(notificationKeys.notification(item.id), "dead-consumer", 1_000);
    expect(claimed.outcome).toBe("claimed");
    expect(await deliver(await deliverable(item.id))).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toHaveLength(1);
    expect(await stored(item.id), JSON.stringify(await stored(item.id))).toMatchObject({
      status: "sent",
      attempts: 2,
    });
  });

  it("hands a record back when a live claim outlasts the time it has", async () => {
    const item = await putNotification();
    await claimWork(notificationKeys.notification(item.id), "slow-consumer", 30_000);
    const records = await deliverable(item.id);
    const result = await consume({ Records: records }, streamContext(2_000));
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: records[0]?.dynamodb?.SequenceNumber },
    ]);
    expect(standIn.sentFor(item.id)).toEqual([]);
  });

  it("ignores records of other kinds of work and of items that are no work at all", async () => {
    const item = await putNotification();
    const [record] = await deliverable(item.id);
    const otherKind = structuredClone(record) as DynamoDBRecord;
    (otherKind.dynamodb?.NewImage as Record<string, unknown>).outbox_kind = { S: "email" };
    expect(await deliver([otherKind])).toEqual({ batchItemFailures: [] });
    expect(standIn.sentFor(item.id)).toEqual([]);
    expect(SMS_KIND).toBe("sms");
  });
});
