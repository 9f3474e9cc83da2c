import { beforeAll, describe, expect, it } from "vitest";
import type { StreamHandler } from "#platform/outbox/consumer";
import {
  notificationsApi,
  putNotification,
  recordsOf,
  streamContext,
} from "../../support/notifications";
import { streamRecords } from "../../support/stream-records";

// A deployment without an SMS origination identity: the stack sets SMS_PROVIDER=disabled on the
// stream function (infra/stack.ts), which reads it when it loads.
let handler: StreamHandler;
beforeAll(async () => {
  process.env.SMS_PROVIDER = "disabled";
  ({ handler } = await import("../../../functions/notifications/send-sms"));
});

describe("a deployment without SMS", () => {
  it("records a pending notification skipped with sms_disabled, and sends nothing", async () => {
    const item = await putNotification({ name: "Ada" });
    expect(item.status).toBe("pending");
    const records = recordsOf(await streamRecords(), item.id);
    expect(records).toHaveLength(1);

    expect(await handler({ Records: records }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    const view = await notificationsApi.get(item.id);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: "skipped",
      detail: "sms_disabled",
      attempts: 1,
      provider_message_id: null,
      sent_at: null,
    });

    // Delivered again (a redelivered batch): nothing changes, nothing is sent.
    expect(await handler({ Records: records }, streamContext())).toEqual({
      batchItemFailures: [],
    });
    expect((await notificationsApi.get(item.id)).body).toMatchObject({
      status: "skipped",
      detail: "sms_disabled",
      attempts: 1,
    });
    const skipped = await notificationsApi.list({ status: "skipped" });
    expect((skipped.body as { items: { id: string }[] }).items.map((n) => n.id)).toContain(item.id);
  });
});
