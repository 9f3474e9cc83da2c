import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { notificationKeys } from "#notifications/store/keys";
import { db, requestCounter, tableName } from "#platform/db/client";
import { notificationsApi, putNotification } from "../../support/notifications";
import { expectProblem } from "../../support/problem";

const OUTSIDER = "203.0.113.10";

/** Makes a stored notification failed, as the consumer does after its last attempt. */
async function markFailed(id: string) {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: notificationKeys.notification(id),
      UpdateExpression:
        "SET #status = :failed, gsi1pk = :partition, detail = :detail, attempts = :five",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":failed": "failed",
        ":partition": notificationKeys.statusShard("failed", id),
        ":detail": "ThrottlingException: Rate exceeded",
        ":five": 5,
      },
    }),
  );
}

async function allPages(query: Record<string, string>) {
  const pages: { id: string; status: string; created_at: string }[][] = [];
  let cursor: string | undefined;
  do {
    const response = await notificationsApi.list({ ...query, ...(cursor ? { cursor } : {}) });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}

describe("the notification routes", () => {
  it("are for managers only", async () => {
    expectProblem(await notificationsApi.list({}, OUTSIDER), 403, "forbidden");
    expectProblem(await notificationsApi.get("nt_a_b", OUTSIDER), 403, "forbidden");
    expectProblem(await notificationsApi.retry("nt_a_b", OUTSIDER), 403, "forbidden");
  });

  it("list one status or all, newest first, page by page across the shards", async () => {
    const written: { id: string; status: string }[] = [];
    for (let i = 0; i < 24; i++) {
      const item = await putNotification(i % 3 === 0 ? { phone: null } : {});
      written.push({ id: item.id, status: item.status });
    }
    const skippedIds = written.filter((w) => w.status === "skipped").map((w) => w.id);
    const pages = await allPages({ status: "skipped", limit: "3" });
    expect(pages.every((page) => page.length <= 3)).toBe(true);
    const listed = pages.flat();
    expect(listed.every((n) => n.status === "skipped")).toBe(true);
    expect(listed.map((n) => n.id).filter((id) => skippedIds.includes(id))).toEqual(
      [...skippedIds].reverse(),
    );
    expect(new Set(listed.map((n) => n.id)).size).toBe(listed.length);
    const all = (await allPages({ limit: "7" })).flat();
    const ours = all.map((n) => n.id).filter((id) => written.some((w) => w.id === id));
    expect(ours).toEqual(written.map((w) => w.id).reverse());
    const times = all.map((n) => n.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("cost one Query per shard for a page", async () => {
    requestCounter.reset();
    const response = await notificationsApi.list({ status: "pending", limit: "5" });
    expect(response.status).toBe(200);
    expect(requestCounter.byCommand).toEqual({ QueryCommand: 8 });
  });

  it("refuse a bad status, limit or cursor, and a cursor of another list", async () => {
    expectProblem(await notificationsApi.list({ status: "lost" }), 422, "validation_failed");
    expectProblem(await notificationsApi.list({ limit: "0" }), 422, "validation_failed");
    expectProblem(await notificationsApi.list({ limit: "101" }), 422, "validation_failed");
    expectProblem(
      await notificationsApi.list({ cursor: "not-a-cursor" }),
      422,
      "validation_failed",
    );
    expectProblem(await notificationsApi.list({ unknown: "1" }), 422, "validation_failed");
    await putNotification();
    await putNotification();
    const page = await notificationsApi.list({ status: "pending", limit: "1" });
    const cursor = page.body.next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    expectProblem(
      await notificationsApi.list({ status: "sent", cursor }),
      422,
      "validation_failed",
    );
    expectProblem(await notificationsApi.list({ cursor }), 422, "validation_failed");
    const forged = JSON.parse(Buffer.from(cursor, "base64url").toString());
    forged.s0 = "2026-01-01T00:00:00.000Z#nt_elsewhere";
    const forgedCursor = Buffer.from(JSON.stringify(forged)).toString("base64url");
    const answer = await notificationsApi.list({ status: "pending", cursor: forgedCursor });
    // Either shard 0 holds such an id (a valid position) or the cursor is refused; never a 500.
    expect([200, 422]).toContain(answer.status);
  });

  it("read one by id; an id that cannot name one is the same 404 as an unknown one", async () => {
    const item = await putNotification({ smsNotifications: false });
    const found = await notificationsApi.get(item.id);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      id: item.id,
      channel: "sms",
      status: "skipped",
      detail: "opted_out",
      provider_message: null,
      account_id: item.account_id,
      transaction_id: item.transaction_id,
      to: null,
      text: "Hi Ada, your account was credited with USD 12.50. Balance: USD 112.50.",
      attempts: 0,
      provider_message_id: null,
      created_at: item.created_at,
      updated_at: item.created_at,
      sent_at: null,
    });
    expectProblem(await notificationsApi.get("nt_a_unknown"), 404, "notification_not_found");
    expectProblem(await notificationsApi.get("tx_123"), 404, "notification_not_found");
    expectProblem(
      await notificationsApi.get(`nt_${"x".repeat(300)}`),
      404,
      "notification_not_found",
    );
  });

  it("retry only a failed one: 404 unknown, 409 not_failed for pending, sent or skipped", async () => {
    expectProblem(await notificationsApi.retry("nt_a_unknown"), 404, "notification_not_found");
    expectProblem(await notificationsApi.retry("bad id"), 404, "notification_not_found");
    const pending = await putNotification();
    expectProblem(await notificationsApi.retry(pending.id), 409, "not_failed");
    const skipped = await putNotification({ phone: null });
    expectProblem(await notificationsApi.retry(skipped.id), 409, "not_failed");
    const body = await notificationsApi.retry(pending.id);
    expect(body.body.detail).toMatch(/pending/);
  });

  it("re-queue a failed notification exactly once under concurrent retries", async () => {
    const item = await putNotification();
    await markFailed(item.id);
    const failed = await notificationsApi.list({ status: "failed", limit: "100" });
    expect(failed.body.items.map((n: { id: string }) => n.id)).toContain(item.id);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => notificationsApi.retry(item.id)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, ...Array(9).fill(409)]);
    const accepted = answers.find((a) => a.status === 202);
    expect(accepted?.body).toMatchObject({ status: "pending", detail: null, attempts: 0 });
    const after = await notificationsApi.get(item.id);
    expect(after.body).toMatchObject({ status: "pending", attempts: 0 });
    const stillFailed = await notificationsApi.list({ status: "failed", limit: "100" });
    expect(stillFailed.body.items.map((n: { id: string }) => n.id)).not.toContain(item.id);
  });
});
