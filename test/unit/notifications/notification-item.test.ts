import { describe, expect, it } from "vitest";
import { notificationViewOf, transactionNotificationViewOf } from "#notifications/api/views";
import { notificationId, parseNotificationId } from "#notifications/core/notification";
import { composeNotification } from "#notifications/core/transaction-sms";
import { fromNotificationItem, toNotificationItem } from "#notifications/store/notification-item";

const transaction = {
  accountId: "a_x",
  transactionId: "tx_1_2",
  type: "debit" as const,
  amount: "12.50",
  balanceAfter: "100.00",
  currency: "USD",
  createdAt: "2026-12-01T10:00:00.000Z",
};

describe("the notification a posting composes", () => {
  it("is pending to the account's phone, with the text rendered at posting time", () => {
    expect(
      composeNotification(
        { name: "Ada", phone: "+41446681800", smsNotifications: true },
        transaction,
      ),
    ).toEqual({
      id: "nt_a_x_tx_1_2",
      accountId: "a_x",
      transactionId: "tx_1_2",
      status: "pending",
      to: "+41446681800",
      text: "Hi Ada, your account was debited with USD 12.50. Balance: USD 100.00.",
      createdAt: "2026-12-01T10:00:00.000Z",
    });
  });

  it("is skipped with its reason, and no phone number, when nothing is to be sent", () => {
    const optedOut = composeNotification(
      { name: "Ada", phone: "+41446681800", smsNotifications: false },
      transaction,
    );
    expect(optedOut).toMatchObject({ status: "skipped", detail: "opted_out" });
    expect(optedOut).not.toHaveProperty("to");
    const noPhone = composeNotification(
      { name: "Ada", phone: null, smsNotifications: true },
      transaction,
    );
    expect(noPhone).toMatchObject({ status: "skipped", detail: "no_phone" });
    expect(transactionNotificationViewOf(noPhone)).toEqual({
      channel: "sms",
      status: "skipped",
      detail: "no_phone",
    });
  });

  it("reads back from its item as operators and its transaction see it", () => {
    const item = toNotificationItem(
      composeNotification(
        { name: "Ada", phone: "+41446681800", smsNotifications: true },
        transaction,
      ),
    );
    const stored = fromNotificationItem(item);
    expect(transactionNotificationViewOf(stored)).toEqual({
      channel: "sms",
      status: "pending",
      detail: null,
    });
    expect(notificationViewOf(stored)).toEqual({
      id: "nt_a_x_tx_1_2",
      channel: "sms",
      status: "pending",
      detail: null,
      provider_message: null,
      account_id: "a_x",
      transaction_id: "tx_1_2",
      to: "+41*******00",
      text: "Hi Ada, your account was debited with USD 12.50. Balance: USD 100.00.",
      attempts: 0,
      provider_message_id: null,
      created_at: "2026-12-01T10:00:00.000Z",
      updated_at: "2026-12-01T10:00:00.000Z",
      sent_at: null,
    });
  });

  it("has an id naming its transaction, and only such ids parse", () => {
    expect(notificationId("a_x", "tx_1_2")).toBe("nt_a_x_tx_1_2");
    expect(parseNotificationId("nt_a_x_tx_1_2")).toBe("nt_a_x_tx_1_2");
    expect(parseNotificationId("nt_")).toBeUndefined();
    expect(parseNotificationId("al_1_000000000001")).toBeUndefined();
  });
});
