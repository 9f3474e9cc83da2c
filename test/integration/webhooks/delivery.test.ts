import { randomUUID } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendSmsFunction, smsWork } from "#notifications";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { outboxConsumer } from "#platform/outbox/consumer";
import { awsSmsSender } from "#platform/sms/aws-sms";
import {
  deliverWebhooksFunction,
  deliveryWork,
  fanOutEventsFunction,
  fanOutWork,
  retryDeliveriesHandler,
  webhookEventPut,
  webhookEventTypes,
} from "#webhooks";
import { handler as createEndpoint } from "../../../functions/webhooks/create-endpoint";
import { handler as deleteEndpoint } from "../../../functions/webhooks/delete-endpoint";
import { handler as getDelivery } from "../../../functions/webhooks/get-delivery";
import { handler as getEndpoint } from "../../../functions/webhooks/get-endpoint";
import { handler as listDeliveries } from "../../../functions/webhooks/list-deliveries";
import { handler as patchEndpoint } from "../../../functions/webhooks/patch-endpoint";
import { handler as retryDelivery } from "../../../functions/webhooks/retry-delivery";
import { handler as rotateSecret } from "../../../functions/webhooks/rotate-secret";
import { handler as sendTest } from "../../../functions/webhooks/send-test-event";
import { type StreamRunner, startStreamRunner } from "../../../infra/local/stream-runner";
import { invoke } from "../../support/lambda-event";
import { putNotification } from "../../support/notifications";
import { playerIp, raffleApi } from "../../support/raffle-api";
import { startSmsStandIn } from "../../support/sms-stand-in";
import { webhookEventItems } from "../../support/webhook-events";
import { startWebhookReceiver, verifyStandardWebhook } from "../../support/webhook-receiver";

const MANAGER = "127.0.0.1";
const realNow = clock.now;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let standIn: Awaited<ReturnType<typeof startSmsStandIn>>;
let runner: StreamRunner;
let offsetMs = 0;

const api = {
  create: (body: unknown) =>
    invoke(createEndpoint, {
      method: "POST",
      path: "/v1/webhook-endpoints",
      body,
      sourceIp: MANAGER,
    }),
  get: (id: string) =>
    invoke(getEndpoint, {
      path: `/v1/webhook-endpoints/${id}`,
      pathParameters: { endpoint_id: id },
      sourceIp: MANAGER,
    }),
  patch: (id: string, body: unknown) =>
    invoke(patchEndpoint, {
      method: "PATCH",
      path: `/v1/webhook-endpoints/${id}`,
      pathParameters: { endpoint_id: id },
      body,
      headers: { "content-type": "application/merge-patch+json" },
      sourceIp: MANAGER,
    }),
  remove: (id: string) =>
    invoke(deleteEndpoint, {
      method: "DELETE",
      path: `/v1/webhook-endpoints/${id}`,
      pathParameters: { endpoint_id: id },
      sourceIp: MANAGER,
    }),
  rotate: (id: string) =>
    invoke(rotateSecret, {
      method: "POST",
      path: `/v1/webhook-endpoints/${id}/rotate-secret`,
      pathParameters: { endpoint_id: id },
      sourceIp: MANAGER,
    }),
  test: (id: string) =>
    invoke(sendTest, {
      method: "POST",
      path: `/v1/webhook-endpoints/${id}/test`,
      pathParameters: { endpoint_id: id },
      sourceIp: MANAGER,
    }),
  deliveries: (id: string, query: Record<string, string> = {}) =>
    invoke(listDeliveries, {
      path: `/v1/webhook-endpoints/${id}/deliveries`,
      pathParameters: { endpoint_id: id },
      query,
      sourceIp: MANAGER,
    }),
  delivery: (id: string) =>
    invoke(getDelivery, {
      path: `/v1/webhook-deliveries/${id}`,
      pathParameters: { delivery_id: id },
      sourceIp: MANAGER,
    }),
  retry: (id: string) =>
    invoke(retryDelivery, {
      method: "POST",
      path: `/v1/webhook-deliveries/${id}/retry`,
      pathParameters: { delivery_id: id },
      sourceIp: MANAGER,
    }),
};

/** A cause's transaction: some item of its own, and its event beside it. */
async function cause(type: (typeof webhookEventTypes)[number], data: unknown) {
  const put = webhookEventPut(type, data, clock.now());
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { pk: `CAUSE#${randomUUID()}`, sk: "CAUSE" } } },
        put,
      ],
    }),
  );
  return put.Put?.Item?.id as string;
}

/** The one event item of `type` about `id`, once its cause has committed it. */
async function eventAbout(type: string, id: string) {
  const [event, ...more] = await webhookEventItems(type, (data) => data.id === id);
  expect(more).toEqual([]);
  return present(event).id as string;
}

/**
 * The real causes of the events whose causes a test can make cheaply here: a raffle sold out by
 * its claim (one ticket: one shard, so its only claim is the last), and an SMS the provider
 * refuses for good (an opted-out number), given up by the consumer on the stream.
 */
const realCauses: Partial<Record<(typeof webhookEventTypes)[number], () => Promise<string>>> = {
  "raffle.sold_out": async () => {
    const created = await raffleApi.create({
      name: "Sold out",
      total_tickets: 1,
      prizes: [{ name: "Mug", quantity: 1 }],
    });
    expect((await raffleApi.claim(created.body.id, playerIp(77))).status).toBe(201);
    return eventAbout("raffle.sold_out", created.body.id);
  },
  "notification.failed": async () => {
    standIn.answer({
      status: 400,
      type: "ConflictException",
      message: "The destination phone number is opted out",
      reason: "DESTINATION_PHONE_NUMBER_OPTED_OUT",
    });
    const item = await putNotification();
    let id = "";
    await eventually(async () => {
      const [event] = await webhookEventItems("notification.failed", (d) => d.id === item.id);
      id = (event?.id as string | undefined) ?? "";
      return id !== "";
    }, "the SMS given up, with its event");
    return id;
  },
};

/** The value, which the test has just made sure is there. */
function present<T>(value: T | undefined): T {
  expect(value).toBeDefined();
  return value as T;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await check(), what).toBe(true);
}

/** Moves the service's clock forward; the retry pass then finds what is due by then. */
const advance = (ms: number) => {
  offsetMs += ms;
  clock.now = () => realNow() + offsetMs;
};
const retryPass = retryDeliveriesHandler({ random: () => 0.5 });

async function endpoint(path: string, events: string[] = ["*"]) {
  const created = await api.create({ url: receiver.url(path), events, description: path });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string };
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  receiver = await startWebhookReceiver();
  standIn = await startSmsStandIn();
  const settings = (definition: typeof fanOutEventsFunction) => ({
    ...definition.stream,
    name: definition.function.handler,
    timeoutSeconds: 60,
  });
  runner = await startStreamRunner({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    tableName,
    pollIntervalMs: 50,
    functions: [
      {
        ...settings(fanOutEventsFunction),
        handler: outboxConsumer(fanOutWork(), { leaseMs: 5_000 }),
      },
      {
        ...settings(deliverWebhooksFunction),
        handler: outboxConsumer(deliveryWork({ random: () => 0.5 }), { leaseMs: 15_000 }),
      },
      // SMS sent to an HTTP stand-in of the provider: a give-up is a real notification.failed.
      {
        ...settings(sendSmsFunction),
        handler: outboxConsumer(
          smsWork(
            awsSmsSender({
              originationIdentity: "arn:aws:sms-voice:eu-west-1:123456789012:phone-number/p",
              endpoint: standIn.endpoint,
            }),
          ),
          { leaseMs: 5_000, retryBaseMs: 5 },
        ),
      },
    ],
  });
});
afterEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
});
afterAll(async () => {
  clock.now = realNow;
  await runner?.stop();
  await receiver?.close();
  await standIn?.close();
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

describe("webhook deliveries, from the cause's transaction to a real receiver", () => {
  it("delivers every event type, each signed as Standard Webhooks says, verified independently", async () => {
    const all = await endpoint("/all");
    const drawnOnly = await endpoint("/drawn", ["raffle.drawn"]);
    const ids = new Map<string, string>();
    for (const type of webhookEventTypes.filter((t) => t !== "webhook.test")) {
      const real = realCauses[type];
      ids.set(real ? await real() : await cause(type, { id: `thing-${type}`, n: 1 }), type);
    }
    const test = await api.test(all.id);
    expect(test.status).toBe(202);
    ids.set((test.body as { event_id: string }).event_id, "webhook.test");

    await eventually(() => receiver.at("/all").length >= 7, "7 events at /all");
    await eventually(() => receiver.at("/drawn").length >= 1, "1 event at /drawn");
    const got = receiver.at("/all");
    expect(got).toHaveLength(7);
    for (const delivery of got) {
      expect(verifyStandardWebhook(all.secret, delivery.headers, delivery.body)).toBe(true);
      expect(verifyStandardWebhook(drawnOnly.secret, delivery.headers, delivery.body)).toBe(false);
      const payload = JSON.parse(delivery.body);
      expect(ids.get(delivery.headers["webhook-id"] as string)).toBe(payload.type);
      expect(Object.keys(payload).sort()).toEqual(["data", "timestamp", "type"]);
      expect(delivery.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    }
    expect(new Set(got.map((d) => JSON.parse(d.body).type))).toEqual(new Set(webhookEventTypes));
    // The two from real causes carry the resource as their cause wrote it.
    const payloadOf = (type: string) =>
      JSON.parse(present(got.find((d) => JSON.parse(d.body).type === type)).body);
    expect(payloadOf("raffle.sold_out").data).toMatchObject({
      status: "sold_out",
      total_tickets: 1,
      tickets_remaining: 0,
    });
    const failed = payloadOf("notification.failed");
    expect(failed.data).toMatchObject({ status: "failed", detail: "provider_error" });
    expect(JSON.stringify(failed)).not.toContain("opted out");
    const drawn = receiver.at("/drawn");
    expect(drawn.map((d) => JSON.parse(d.body).type)).toEqual(["raffle.drawn"]);
    expect(
      verifyStandardWebhook(drawnOnly.secret, present(drawn[0]).headers, present(drawn[0]).body),
    ).toBe(true);

    // The receiver answers before the delivery function records its answer: wait for the records.
    let succeeded: { attempts: number }[] = [];
    await eventually(async () => {
      const list = await api.deliveries(all.id, { status: "succeeded" });
      succeeded = (list.body as { items: { attempts: number }[] }).items;
      return succeeded.length === 7;
    }, "7 deliveries recorded succeeded");
    expect(succeeded.every((d) => d.attempts === 1)).toBe(true);
  });

  it("retries a failing receiver on the schedule until it answers; one webhook-id, every attempt recorded", async () => {
    const flaky = await endpoint("/flaky", ["coupon.redeemed"]);
    receiver.failFirst("/flaky", 2, 503);
    const eventId = await cause("coupon.redeemed", { id: "rd_1" });
    await eventually(() => receiver.at("/flaky").length >= 1, "first attempt");
    const [first] = (
      (await (async () => {
        let page: { items: { id: string; status: string; next_attempt_at: string | null }[] } = {
          items: [],
        };
        await eventually(async () => {
          page = (await api.deliveries(flaky.id)).body as typeof page;
          return page.items[0]?.next_attempt_at != null;
        }, "deferred");
        return page;
      })()) as { items: { id: string; status: string; next_attempt_at: string | null }[] }
    ).items;
    expect(first?.status).toBe("pending");

    // Not due yet: a pass now attempts nothing more.
    await retryPass();
    expect(receiver.at("/flaky")).toHaveLength(1);
    advance(10_000);
    await retryPass();
    expect(receiver.at("/flaky")).toHaveLength(2);
    advance(90_000);
    await retryPass();
    expect(receiver.at("/flaky")).toHaveLength(3);
    advance(3_600_000);
    await retryPass();
    expect(receiver.at("/flaky")).toHaveLength(3);

    const got = receiver.at("/flaky");
    expect(new Set(got.map((d) => d.headers["webhook-id"]))).toEqual(new Set([eventId]));
    expect(new Set(got.map((d) => d.body)).size).toBe(1);
    expect(got.map((d) => d.answered)).toEqual([503, 503, 200]);
    const detail = (await api.delivery(present(first).id)).body as {
      status: string;
      attempts: number;
      last_response_status: number;
      attempt_log: { response_status: number; response_body: string }[];
    };
    expect(detail).toMatchObject({ status: "succeeded", attempts: 3, last_response_status: 200 });
    expect(detail.attempt_log.map((a) => a.response_status)).toEqual([503, 503, 200]);
    expect(Buffer.byteLength(present(detail.attempt_log[0]).response_body)).toBe(1024);
  });

  it("gives a delivery up after 3 days, disables the endpoint after 5 without success; a manager re-sends it", async () => {
    const down = await endpoint("/down", ["monitoring.alert.raised"]);
    receiver.failFirst("/down", 1_000, 500);
    await cause("monitoring.alert.raised", { id: "al_1" });
    await eventually(() => receiver.at("/down").length >= 1, "first attempt");
    let deliveryId = "";
    await eventually(async () => {
      const page = (await api.deliveries(down.id)).body as {
        items: { id: string; next_attempt_at: string | null }[];
      };
      deliveryId = page.items[0]?.id ?? "";
      return page.items[0]?.next_attempt_at != null;
    }, "deferred");
    for (let step = 0; step < 30; step++) {
      advance(6 * 3_600_000);
      await retryPass();
    }
    const given = (await api.delivery(deliveryId)).body as { status: string; attempts: number };
    expect(given.status).toBe("failed");
    expect(given.attempts).toBeGreaterThan(10);
    const attempts = receiver.at("/down").length;
    expect(attempts).toBe(given.attempts);

    // A later event keeps failing: 5 days into the failures, the endpoint is disabled.
    await cause("monitoring.alert.raised", { id: "al_2" });
    await eventually(() => receiver.at("/down").length > attempts, "second event's attempt");
    await eventually(
      async () => ((await api.get(down.id)).body as { status: string }).status === "disabled",
      "disabled",
    );
    expect((await api.get(down.id)).body).toMatchObject({
      status: "disabled",
      disabled_reason: expect.stringContaining("5 days"),
    });

    // Enabled again and recovered: the manager's retry delivers the given-up delivery.
    receiver.failFirst("/down", 0);
    expect((await api.patch(down.id, { status: "enabled" })).body).toMatchObject({
      status: "enabled",
      disabled_reason: null,
    });
    const before = receiver.at("/down").length;
    expect((await api.retry(deliveryId)).status).toBe(202);
    await eventually(() => receiver.at("/down").length > before, "re-sent");
    await eventually(
      async () =>
        ((await api.delivery(deliveryId)).body as { status: string }).status === "succeeded",
      "succeeded",
    );
  });

  it("signs with both secrets for 24 h after a rotation, then with the new one only", async () => {
    const rotating = await endpoint("/rotating", ["raffle.sold_out"]);
    const rotated = (await api.rotate(rotating.id)).body as { secret: string };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(rotating.secret);
    expect((await api.get(rotating.id)).body).not.toHaveProperty("secret");
    await cause("raffle.sold_out", { id: "r_1" });
    await eventually(() => receiver.at("/rotating").length >= 1, "delivered");
    const [during] = receiver.at("/rotating");
    expect((present(during).headers["webhook-signature"] as string).split(" ")).toHaveLength(2);
    expect(
      verifyStandardWebhook(rotating.secret, present(during).headers, present(during).body),
    ).toBe(true);
    expect(
      verifyStandardWebhook(rotated.secret, present(during).headers, present(during).body),
    ).toBe(true);

    advance(25 * 3_600_000);
    await cause("raffle.sold_out", { id: "r_2" });
    await eventually(() => receiver.at("/rotating").length >= 2, "delivered after 24 h");
    const after = present(receiver.at("/rotating")[1]);
    expect((after.headers["webhook-signature"] as string).split(" ")).toHaveLength(1);
    expect(verifyStandardWebhook(rotating.secret, after.headers, after.body)).toBe(false);
    expect(verifyStandardWebhook(rotated.secret, after.headers, after.body)).toBe(true);
  });

  it("checks the address again at send time: a target no longer allowed is refused, nothing sent", async () => {
    const local = await endpoint("/rebound", ["notification.failed"]);
    process.env.WEBHOOK_ALLOW_PRIVATE = "false";
    await cause("notification.failed", { id: "nt_1" });
    let deliveryId = "";
    await eventually(async () => {
      const page = (await api.deliveries(local.id)).body as {
        items: { id: string; attempts: number }[];
      };
      deliveryId = page.items[0]?.id ?? "";
      return (page.items[0]?.attempts ?? 0) >= 1;
    }, "attempted");
    const detail = (await api.delivery(deliveryId)).body as {
      attempt_log: { error: string | null }[];
    };
    await eventually(
      async () =>
        ((await api.delivery(deliveryId)).body as { attempt_log: unknown[] }).attempt_log.length >=
        1,
      "recorded",
    );
    expect(((await api.delivery(deliveryId)).body as typeof detail).attempt_log[0]?.error).toMatch(
      /^url_not_allowed/,
    );
    expect(receiver.at("/rebound")).toEqual([]);
  });

  it("gives up the pending deliveries of a deleted endpoint", async () => {
    const gone = await endpoint("/gone", ["ledger.transaction.posted"]);
    receiver.failFirst("/gone", 1, 500);
    await cause("ledger.transaction.posted", { id: "tx_1" });
    let deliveryId = "";
    await eventually(async () => {
      const page = (await api.deliveries(gone.id)).body as {
        items: { id: string; next_attempt_at: string | null }[];
      };
      deliveryId = page.items[0]?.id ?? "";
      return page.items[0]?.next_attempt_at != null;
    }, "deferred");
    expect((await api.remove(gone.id)).status).toBe(204);
    expect((await api.get(gone.id)).status).toBe(404);
    advance(60_000);
    await retryPass();
    const { Item } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: `WEBHOOK_DELIVERY#${deliveryId}`, sk: "DELIVERY" },
      }),
    );
    expect(Item).toMatchObject({ status: "failed", detail: "endpoint_deleted" });
    expect(receiver.at("/gone")).toHaveLength(1);
  });
});
