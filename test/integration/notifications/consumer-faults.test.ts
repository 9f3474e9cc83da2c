import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendSmsFunction, smsWork } from "#notifications/send-sms";
import { notificationKeys } from "#notifications/store/keys";
import { db, tableName } from "#platform/db/client";
import { outboxConsumer } from "#platform/outbox/consumer";
import { awsSmsSender } from "#platform/sms/aws-sms";
import { passesFilters } from "../../../infra/local/event-filter";
import { faults, type Injection, injectFaults } from "../../support/faults";
import { putNotification, recordsOf, streamContext } from "../../support/notifications";
import { startSmsStandIn } from "../../support/sms-stand-in";
import { streamRecords } from "../../support/stream-records";

// The stream consumer's writes (claim, result) under every fault: the stream delivers a record
// again as long as the consumer reports it failed, and the SMS still goes exactly once.
let standIn: Awaited<ReturnType<typeof startSmsStandIn>>;
let consume: ReturnType<typeof outboxConsumer>;
let injection: Injection | undefined;
const LEASE_MS = 30_000;

beforeAll(async () => {
  standIn = await startSmsStandIn();
  const sender = awsSmsSender({
    originationIdentity: "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-abc",
    endpoint: standIn.endpoint,
  });
  // A lease far longer than the test: a consumer that waited out its own claim would time out.
  consume = outboxConsumer(smsWork(sender), { leaseMs: LEASE_MS, retryBaseMs: 5 });
});
afterAll(() => standIn.close());
afterEach(() => injection?.recover());

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

describe.each(faults)("the SMS consumer with %s on its writes", (fault) => {
  it.each(["once", "until the stream delivers again"])("sends once (%s)", async (mode) => {
    const item = await putNotification();
    const records = recordsOf(await streamRecords(), item.id).filter((record) =>
      passesFilters(sendSmsFunction.stream.filters, record),
    );
    injection = injectFaults({
      fault,
      commands: ["UpdateItemCommand"],
      ...(mode === "once" ? { times: 1 } : {}),
    });
    let deliveries = 0;
    for (; deliveries < 5; deliveries++) {
      const { batchItemFailures } = await consume(
        { Records: records },
        streamContext(LEASE_MS + 60_000),
      );
      injection.recover();
      if (batchItemFailures.length === 0) break;
    }
    const after = await stored(item.id);
    expect(standIn.sentFor(item.id).length).toBeLessThanOrEqual(after.status === "sent" ? 1 : 0);
    if (mode === "once") {
      // One fault is absorbed by the retries below the consumer: one claim, one send.
      expect(after).toMatchObject({ status: "sent", attempts: 1 });
      expect(standIn.sentFor(item.id)).toHaveLength(1);
    } else {
      // A claim or release that failed is redelivered; a result that failed after the send
      // leaves the claim to lapse (then at most one repeat, as the notifications guide says).
      expect(["sent", "pending"]).toContain(after.status);
      if (after.status === "sent") expect(standIn.sentFor(item.id)).toHaveLength(1);
    }
    expect(after.lease_until === undefined || after.status === "pending").toBe(true);
  });
});
