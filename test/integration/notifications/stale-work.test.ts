import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { notificationFailedWrites } from "#notifications";
import { notificationItem } from "#notifications/store/notification-item";
import { db, requestCounter, tableName } from "#platform/db/client";
import { STALE_AFTER_MS, staleDetail, sweepStaleWork } from "#platform/outbox/stale-work";
import { WORK_SHARDS } from "#platform/outbox/work-item";
import { handler as sweep } from "../../../functions/outbox/sweep-stale-work";
import { notificationsApi } from "../../support/notifications";
import { webhookEventItems } from "../../support/webhook-events";

const HOUR = 3_600_000;

/** A notification written `ageMs` ago, as a posting then wrote it; with `fields` on top. */
async function notificationAged(ageMs: number, fields: Record<string, unknown> = {}) {
  const item = {
    ...notificationItem(
      { name: "Ada", phone: "+41446681800", smsNotifications: true },
      {
        accountId: `a_${randomUUID().replaceAll("-", "").slice(0, 22)}`,
        transactionId: `tx_${Date.now()}_${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`,
        type: "credit",
        amount: "12.50",
        balanceAfter: "112.50",
        currency: "USD",
        createdAt: new Date(Date.now() - ageMs).toISOString(),
      },
    ),
    ...fields,
  };
  await db.send(new PutCommand({ TableName: tableName, Item: item }));
  return item;
}

const stored = async (item: { pk: string; sk: string }) =>
  (
    await db.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        ConsistentRead: true,
      }),
    )
  ).Item;

describe("the stale-work sweeper", () => {
  it("gives up pending work the stream dropped: failed, listed, and re-sendable", async () => {
    const lost = await notificationAged(STALE_AFTER_MS + HOUR);
    requestCounter.reset();
    const swept = await sweep();
    expect(swept).toMatchObject({ sms: expect.any(Number) });
    // One Query per status shard of each kind of work (no Scan), then one conditional write per
    // stale item.
    expect(requestCounter.byCommand.QueryCommand).toBe(WORK_SHARDS * Object.keys(swept).length);
    expect(requestCounter.byCommand.ScanCommand).toBeUndefined();
    expect(await stored(lost)).toMatchObject({
      status: "failed",
      detail: staleDetail(STALE_AFTER_MS),
      gsi1pk: expect.stringMatching(/^OUTBOX#sms#failed#/),
    });
    const failed = await notificationsApi.list({ status: "failed", limit: "100" });
    expect(failed.body.items.map((n: { id: string }) => n.id)).toContain(lost.id);
    // The give-up and its notification.failed event are one transaction: exactly one event,
    // at the time the sweep recorded, with the stable code.
    const events = await webhookEventItems("notification.failed", (data) => data.id === lost.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      id: lost.id,
      status: "failed",
      detail: "provider_error",
      account_id: lost.account_id,
      transaction_id: lost.transaction_id,
      updated_at: (await stored(lost))?.updated_at,
    });
    const retried = await notificationsApi.retry(lost.id);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: "pending", detail: null, attempts: 0 });
  });

  it("leaves recent work, work under a live claim, and finished work alone", async () => {
    const recent = await notificationAged(STALE_AFTER_MS - 5 * 60_000);
    const claimed = await notificationAged(STALE_AFTER_MS + HOUR, {
      attempts: 1,
      lease_until: Date.now() + 60_000,
      claim_token: "live",
    });
    const sent = await notificationAged(STALE_AFTER_MS + HOUR);
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...sent, status: "sent", gsi1pk: sent.gsi1pk.replace("#pending#", "#sent#") },
      }),
    );
    // With the event the sweeper writes for SMS: a refused give-up writes no event either.
    const swept = await sweepStaleWork("sms", { failedWrites: notificationFailedWrites });
    expect(swept).not.toContain(recent.id);
    expect(swept).not.toContain(claimed.id);
    expect(swept).not.toContain(sent.id);
    expect((await stored(recent))?.status).toBe("pending");
    expect((await stored(claimed))?.status).toBe("pending");
    expect((await stored(sent))?.status).toBe("sent");
    for (const item of [recent, claimed, sent]) {
      expect(await webhookEventItems("notification.failed", (data) => data.id === item.id)).toEqual(
        [],
      );
    }
  });

  it("takes a lapsed claim for abandoned", async () => {
    const abandoned = await notificationAged(STALE_AFTER_MS + HOUR, {
      attempts: 3,
      lease_until: Date.now() - 60_000,
      claim_token: "dead",
    });
    expect(await sweepStaleWork("sms")).toContain(abandoned.id);
    expect((await stored(abandoned))?.status).toBe("failed");
  });
});
