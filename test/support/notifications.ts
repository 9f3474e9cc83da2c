import { randomUUID } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { notificationKeys } from "#notifications/store/keys";
import { notificationItem } from "#notifications/store/notification-item";
import { db, tableName } from "#platform/db/client";
import { handler as getNotification } from "../../functions/notifications/get-notification";
import { handler as listNotifications } from "../../functions/notifications/list-notifications";
import { handler as retryNotification } from "../../functions/notifications/retry-notification";
import { invoke } from "./lambda-event";

const MANAGER_IP = "127.0.0.1";

/** What a test posting says; every field has a default. */
export interface TestPosting {
  name?: string;
  phone?: string | null;
  smsNotifications?: boolean;
  type?: "credit" | "debit";
  amount?: string;
  balanceAfter?: string;
}

/**
 * Writes a transaction's notification item as a posting would (the ledger's posting adds this
 * very item to its transaction); returns the item.
 */
export async function putNotification(posting: TestPosting = {}) {
  const item = notificationItem(
    {
      name: posting.name ?? "Ada",
      phone: posting.phone === undefined ? "+41446681800" : posting.phone,
      smsNotifications: posting.smsNotifications ?? true,
    },
    {
      accountId: `a_${randomUUID().replaceAll("-", "").slice(0, 22)}`,
      transactionId: `tx_${Date.now()}_${String(Math.floor(Math.random() * 1e12)).padStart(12, "0")}`,
      type: posting.type ?? "credit",
      amount: posting.amount ?? "12.50",
      balanceAfter: posting.balanceAfter ?? "112.50",
      currency: "USD",
      createdAt: new Date().toISOString(),
    },
  );
  await db.send(new PutCommand({ TableName: tableName, Item: item }));
  return item;
}

/** The stream records of one notification item. */
export const recordsOf = (records: DynamoDBRecord[], id: string) =>
  records.filter((record) => record.dynamodb?.Keys?.pk?.S === notificationKeys.notification(id).pk);

/** The notification routes' handlers, called in-process as a manager. */
export const notificationsApi = {
  list: (query: Record<string, string> = {}, sourceIp = MANAGER_IP) =>
    invoke(listNotifications, { path: "/v1/notifications", query, sourceIp }),
  get: (id: string, sourceIp = MANAGER_IP) =>
    invoke(getNotification, {
      path: `/v1/notifications/${id}`,
      pathParameters: { notification_id: id },
      sourceIp,
    }),
  retry: (id: string, sourceIp = MANAGER_IP) =>
    invoke(retryNotification, {
      method: "POST",
      path: `/v1/notifications/${id}/retry`,
      pathParameters: { notification_id: id },
      sourceIp,
    }),
};

/** A Lambda-like context with this much time left. */
export const streamContext = (remainingMs = 60_000) => {
  const deadline = Date.now() + remainingMs;
  return { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() };
};
