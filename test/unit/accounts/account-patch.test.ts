import { describe, expect, it } from "vitest";
import { planAccountPatch, toAccountView } from "#accounts/core/account";

const current = {
  id: "a_1",
  email: "old@example.com",
  name: "Old",
  phone: "+15550100",
  sms_notifications: true,
  created_at: "2026-11-21T08:00:00.000Z",
};

describe("planAccountPatch", () => {
  it("keeps absent fields and writes nothing for an empty patch", () => {
    expect(planAccountPatch(current, {})).toEqual({
      next: current,
      emailChanged: false,
      needsCurrentPassword: false,
      writes: false,
    });
  });

  it("removes the phone with null and keeps it when absent", () => {
    expect(planAccountPatch(current, { phone: null }).next.phone).toBeNull();
    expect(planAccountPatch(current, { name: "New" }).next).toEqual({ ...current, name: "New" });
  });

  it("turns SMS notifications off and on, writing only a real change", () => {
    const off = planAccountPatch(current, { sms_notifications: false });
    expect(off.next.sms_notifications).toBe(false);
    expect(off.writes).toBe(true);
    expect(off.needsCurrentPassword).toBe(false);
    expect(planAccountPatch(current, { sms_notifications: true }).writes).toBe(false);
    expect(planAccountPatch(off.next, {}).next.sms_notifications).toBe(false);
  });

  it("moves the email claim only when the email really changes", () => {
    const moved = planAccountPatch(current, { email: "new@example.com", current_password: "x" });
    expect(moved.emailChanged).toBe(true);
    expect(moved.next.email).toBe("new@example.com");
    expect(moved.needsCurrentPassword).toBe(true);
    const same = planAccountPatch(current, { email: "old@example.com", current_password: "x" });
    expect(same.emailChanged).toBe(false);
    expect(same.writes).toBe(false);
    expect(same.needsCurrentPassword).toBe(true);
  });

  it("writes a password change even when nothing visible changes", () => {
    const change = planAccountPatch(current, { password: "new password", current_password: "x" });
    expect(change).toMatchObject({ writes: true, needsCurrentPassword: true, next: current });
  });

  it("writes nothing when the values are the ones already held", () => {
    expect(planAccountPatch(current, { name: "Old", phone: "+15550100" }).writes).toBe(false);
  });
});

describe("toAccountView", () => {
  it("shows only the public fields", () => {
    const stored = { ...current, version: 3, password_hash: "$argon2id$..." };
    expect(toAccountView(stored)).toEqual(current);
  });
});
