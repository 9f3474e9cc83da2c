import { randomUUID } from "node:crypto";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendSmsFunction } from "#notifications/send-sms";
import { notificationKeys } from "#notifications/store/keys";
import { functionMetricName } from "#platform/observability/service-names";
import type { StreamHandler } from "#platform/outbox/consumer";
import { described, useEmfCapture } from "../../support/emf";
import { notificationsApi, putNotification, streamContext } from "../../support/notifications";
import { startSmsStandIn, throttled } from "../../support/sms-stand-in";

const emf = useEmfCapture();
let standIn: Awaited<ReturnType<typeof startSmsStandIn>>;
let sendSms: StreamHandler;

beforeAll(async () => {
  standIn = await startSmsStandIn();
  Object.assign(process.env, {
    SMS_PROVIDER: "aws",
    SMS_ORIGINATION_IDENTITY: "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-abc",
    SMS_ENDPOINT: standIn.endpoint,
    OUTBOX_RETRY_BASE_MS: "5",
  });
  // The deployed entry point itself, configured as the stack configures it.
  ({ handler: sendSms } = await import("../../../functions/notifications/send-sms"));
});
afterAll(() => standIn.close());

/** The stream record that inserted a notification item, as Lambda delivers it. */
const insertRecord = (item: Awaited<ReturnType<typeof putNotification>>): DynamoDBRecord => ({
  eventName: "INSERT",
  dynamodb: {
    Keys: marshall(notificationKeys.notification(item.id)) as never,
    NewImage: marshall(item, { removeUndefinedValues: true }) as never,
    SequenceNumber: randomUUID(),
  },
});

const consumer = functionMetricName(sendSmsFunction.function.handler);

describe("the notifications' metrics", () => {
  it("count an SMS sent, under the stream function's own name", async () => {
    const item = await putNotification();
    emf.take();
    expect(await sendSms({ Records: [insertRecord(item)] }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    const metrics = emf.take();
    expect(described(metrics)).toEqual(["NotificationsSent 1"]);
    expect(metrics.find((metric) => metric.name === "ColdStart")?.dimensions.function).toBe(
      consumer,
    );
  });

  it("count a failed attempt and the record handed back, then the SMS given up", async () => {
    const item = await putNotification();
    standIn.answer(throttled);
    const record = insertRecord(item);
    expect((await sendSms({ Records: [record] }, streamContext())).batchItemFailures).toHaveLength(
      1,
    );
    expect(described(emf.take())).toEqual([
      "NotificationAttemptsFailed 1",
      `StreamRecordsRetried function=${consumer} 1`,
    ]);
    standIn.answer({ status: 400, type: "ValidationException", message: "Invalid number" });
    expect(await sendSms({ Records: [record] }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    expect(described(emf.take())).toEqual(["NotificationsFailed 1"]);

    expect((await notificationsApi.retry(item.id)).status).toBe(202);
    expect(described(emf.take())).toEqual(["NotificationsRequeued 1"]);
  });

  it("count nothing for a redelivered record whose SMS went out already", async () => {
    const item = await putNotification();
    const record = insertRecord(item);
    await sendSms({ Records: [record] }, streamContext());
    emf.take();
    expect(await sendSms({ Records: [record] }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    expect(described(emf.take())).toEqual([]);
  });
});
