import { describe, expect, it } from "vitest";
import { maskPhone } from "#notifications/api/views";
import { decideDelivery, renderTransactionSms } from "#notifications/core/transaction-sms";
import { notificationItem } from "#notifications/store/notification-item";

describe("the SMS of a transaction", () => {
  it("says exactly what API.md says, credited or debited", () => {
    const message = { name: "Ada", amount: "12.50", balanceAfter: "112.50", currency: "USD" };
    expect(renderTransactionSms({ ...message, type: "credit" })).toBe(
      "Hi Ada, your account was credited with USD 12.50. Balance: USD 112.50.",
    );
    expect(renderTransactionSms({ ...message, type: "debit", balanceAfter: "100.00" })).toBe(
      "Hi Ada, your account was debited with USD 12.50. Balance: USD 100.00.",
    );
  });

  it("is decided at posting time: opted out first, then no phone, else pending", () => {
    expect(decideDelivery({ phone: "+15550100", smsNotifications: true })).toEqual({
      status: "pending",
      to: "+15550100",
    });
    expect(decideDelivery({ phone: null, smsNotifications: true })).toEqual({
      status: "skipped",
      detail: "no_phone",
    });
    expect(decideDelivery({ phone: "+15550100", smsNotifications: false })).toEqual({
      status: "skipped",
      detail: "opted_out",
    });
    expect(decideDelivery({ phone: null, smsNotifications: false }).status).toBe("skipped");
  });

  it("is an outbox item keyed by its transaction, listed by status and in all notifications", () => {
    const item = notificationItem(
      { name: "Ada", phone: "+41446681800", smsNotifications: true },
      {
        accountId: "a_x",
        transactionId: "tx_1_2",
        type: "credit",
        amount: "1.00",
        balanceAfter: "1.00",
        currency: "USD",
        createdAt: "2026-12-01T10:00:00.000Z",
      },
    );
    expect(item).toMatchObject({
      pk: "NOTIFICATION#nt_a_x_tx_1_2",
      sk: "NOTIFICATION",
      id: "nt_a_x_tx_1_2",
      outbox_kind: "sms",
      outbox_id: "nt_a_x_tx_1_2",
      status: "pending",
      attempts: 0,
      to: "+41446681800",
      gsi1pk: expect.stringMatching(/^OUTBOX#sms#pending#[0-7]$/),
      gsi1sk: "2026-12-01T10:00:00.000Z#nt_a_x_tx_1_2",
      gsi2pk: expect.stringMatching(/^NOTIFICATIONS#[0-7]$/),
      gsi2sk: "2026-12-01T10:00:00.000Z#nt_a_x_tx_1_2",
    });
    expect(item.gsi1pk.at(-1)).toBe(item.gsi2pk.at(-1));
  });

  it("shows operators a masked phone number", () => {
    expect(maskPhone("+41446681800")).toBe("+41*******00");
    expect(maskPhone("+1555")).toBe("*****");
  });
});

describe("a name in an SMS (issue 19)", () => {
  it("loses control characters and links, so no one sends a link under the operator's sender id", async () => {
    const { renderTransactionSms, smsSafeName } = await import(
      "#notifications/core/transaction-sms"
    );
    expect(smsSafeName("Ada\nLovelace\u202e")).toBe("Ada Lovelace");
    expect(smsSafeName("Ada, verify at https://evil.example/x now")).toBe("Ada, verify at now");
    expect(smsSafeName("win at www.evil.example")).toBe("win at");
    expect(smsSafeName("bit.ly/abc")).toBe("there");
    expect(smsSafeName("Ada Lovelace")).toBe("Ada Lovelace");
    expect(smsSafeName("J. R. R. Tolkien")).toBe("J. R. R. Tolkien");
    expect([...smsSafeName("x".repeat(500))]).toHaveLength(40);
    const text = renderTransactionSms({
      name: "Bob\r\nCall +1 555 www.evil.example",
      type: "credit",
      amount: "1.00",
      balanceAfter: "1.00",
      currency: "USD",
    });
    expect(text).toBe(
      "Hi Bob Call +1 555, your account was credited with USD 1.00. Balance: USD 1.00.",
    );
  });
});

describe("why a notification failed (issue 19)", () => {
  it("tells account holders a stable code and managers the provider's own text", async () => {
    const { notificationViewOf, transactionNotificationViewOf } = await import(
      "#notifications/api/views"
    );
    const { fromNotificationItem } = await import("#notifications/store/notification-item");
    const transactionNotificationOf = (stored: Record<string, unknown>) =>
      transactionNotificationViewOf(fromNotificationItem(stored));
    const raw = "AccessDeniedException: arn:aws:iam::123456789012:role/sms is not authorized";
    const item = {
      id: "n_1",
      status: "failed",
      detail: raw,
      account_id: "a_1",
      transaction_id: "tx_1",
      to: "+41446681800",
      text: "Hi",
      attempts: 5,
      created_at: "2026-11-30T09:00:01.000Z",
      updated_at: "2026-11-30T09:00:01.000Z",
    };
    const holder = transactionNotificationOf(item);
    expect(holder).toEqual({ channel: "sms", status: "failed", detail: "provider_error" });
    expect(JSON.stringify(holder)).not.toContain("123456789012");
    expect(notificationViewOf(fromNotificationItem(item))).toMatchObject({
      detail: "provider_error",
      provider_message: raw,
    });
    const skipped = { ...item, status: "skipped", detail: "no_phone" };
    expect(transactionNotificationOf(skipped).detail).toBe("no_phone");
    expect(notificationViewOf(fromNotificationItem(skipped)).provider_message).toBeNull();
  });
});
