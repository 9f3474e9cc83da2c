import { describe, expect, it } from "vitest";
import { newAccount } from "#accounts/core/account";
import { isSessionLive } from "#accounts/core/session";

describe("sign-up's new account", () => {
  it("starts at version 1 with the defaults: no phone, SMS notifications on", () => {
    const now = Date.UTC(2026, 10, 21, 10);
    expect(
      newAccount("a_1", { email: "ada@example.com", password: "x", name: "Ada" }, now),
    ).toEqual({
      id: "a_1",
      email: "ada@example.com",
      name: "Ada",
      phone: null,
      sms_notifications: true,
      created_at: "2026-11-21T10:00:00.000Z",
      version: 1,
    });
  });

  it("keeps the phone and the SMS setting given", () => {
    const input = {
      email: "ada@example.com",
      password: "x",
      name: "Ada",
      phone: "+41446681800",
      sms_notifications: false,
    };
    expect(newAccount("a_1", input, 0)).toMatchObject({
      phone: "+41446681800",
      sms_notifications: false,
    });
  });
});

describe("a session", () => {
  const session = { accountId: "a_1", tokenHash: "h", expiresAtMs: 1_000 };
  it("authenticates until, not at, its expiry", () => {
    expect(isSessionLive(session, 999)).toBe(true);
    expect(isSessionLive(session, 1_000)).toBe(false);
    expect(isSessionLive(undefined, 0)).toBe(false);
  });
});
