import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "#accounts/password";
import { accountKeys } from "#accounts/store/keys";
import { db, tableName } from "#platform/db/client";
import {
  accounts,
  beforeNextTransaction,
  PASSWORD,
  registeredUser,
  stopRacing,
  uniqueEmail,
} from "./calls";

afterEach(() => {
  stopRacing();
});

describe("PATCH /v1/accounts/me", () => {
  it("merges: absent fields stay, phone null removes the phone", async () => {
    const { token } = await registeredUser("merge");
    const withPhone = await accounts.updateMe(token, { phone: "+15550100" });
    expect(withPhone.status).toBe(200);
    expect(withPhone.body.phone).toBe("+15550100");
    expect(withPhone.body.name).toBe("merge");
    const cleared = await accounts.updateMe(token, { phone: null, name: "Merged" });
    expect(cleared.body).toMatchObject({ phone: null, name: "Merged" });
    const unchanged = await accounts.updateMe(token, {});
    expect(unchanged.body).toEqual(cleared.body);
    expect((await accounts.readMe(token)).body).toEqual(cleared.body);
  });

  it("keeps sms_notifications: true by default, off and on again by merge patch", async () => {
    const { token } = await registeredUser("texts");
    expect((await accounts.readMe(token)).body.sms_notifications).toBe(true);
    const off = await accounts.updateMe(token, { sms_notifications: false });
    expect(off.status).toBe(200);
    expect(off.body.sms_notifications).toBe(false);
    const renamed = await accounts.updateMe(token, { name: "Still quiet" });
    expect(renamed.body).toMatchObject({ name: "Still quiet", sms_notifications: false });
    expect((await accounts.readMe(token)).body.sms_notifications).toBe(false);
    const on = await accounts.updateMe(token, { sms_notifications: true });
    expect(on.body.sms_notifications).toBe(true);
  });

  it("shows sms_notifications: true for an account stored before the setting existed", async () => {
    const { token, id } = await registeredUser("legacy");
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: accountKeys.account(id),
        UpdateExpression: "REMOVE sms_notifications",
      }),
    );
    expect((await accounts.readMe(token)).body.sms_notifications).toBe(true);
  });

  it("moves the email: the new one logs in, the old one is free for someone else", async () => {
    const { email, token } = await registeredUser("mover");
    const newEmail = uniqueEmail("Moved");
    const moved = await accounts.updateMe(token, {
      email: newEmail,
      current_password: PASSWORD,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.email).toBe(newEmail.toLowerCase());
    expect((await accounts.logIn({ email: newEmail, password: PASSWORD })).status).toBe(201);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(401);
    expect((await accounts.register({ email, password: PASSWORD, name: "heir" })).status).toBe(201);
    // The mover's session survives an email change.
    expect((await accounts.readMe(token)).status).toBe(200);
  });

  it("changes email and password together, atomically", async () => {
    const { token } = await registeredUser("both");
    const newEmail = uniqueEmail("both-new");
    const response = await accounts.updateMe(token, {
      email: newEmail,
      password: "a whole new password",
      current_password: PASSWORD,
    });
    expect(response.status).toBe(200);
    expect((await accounts.logIn({ email: newEmail, password: PASSWORD })).status).toBe(401);
    const session = await accounts.logIn({ email: newEmail, password: "a whole new password" });
    expect(session.status).toBe(201);
  });

  it("answers 409 email_taken for another account's email and changes nothing", async () => {
    const other = await registeredUser("holder");
    const { token } = await registeredUser("grabber");
    const before = (await accounts.readMe(token)).body;
    const response = await accounts.updateMe(token, {
      email: other.email.toUpperCase(),
      name: "Should not stick",
      current_password: PASSWORD,
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("email_taken");
    expect((await accounts.readMe(token)).body).toEqual(before);
    expect((await accounts.logIn({ email: before.email, password: PASSWORD })).status).toBe(201);
  });

  it("answers 403 invalid_credentials for a wrong current password and changes nothing", async () => {
    const { email, token } = await registeredUser("forgetful");
    for (const patch of [
      { password: "new password 123", current_password: "not my password" },
      { email: uniqueEmail("x"), current_password: "not my password" },
    ]) {
      const response = await accounts.updateMe(token, patch);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe("invalid_credentials");
    }
    expect((await accounts.readMe(token)).body.email).toBe(email);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(201);
  });

  it("keeps the lock-out for current-password guesses made with a stolen token", async () => {
    const { token } = await registeredUser("stolen");
    for (let i = 0; i < 9; i++) {
      await accounts.updateMe(token, { password: "new password 123", current_password: `g${i}` });
    }
    // Nine wrong guesses plus the sign-in of registeredUser, handed back: one attempt left.
    const last = await accounts.updateMe(token, {
      password: "new password 123",
      current_password: "g9",
    });
    expect(last.status).toBe(403);
    const locked = await accounts.updateMe(token, {
      password: "new password 123",
      current_password: PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("revokes every other session on a password change, keeping the caller's", async () => {
    const { email, token } = await registeredUser("changer");
    const second = (await accounts.logIn({ email, password: PASSWORD })).body.token;
    const third = (await accounts.logIn({ email, password: PASSWORD })).body.token;
    const response = await accounts.updateMe(token, {
      password: "brand new password",
      current_password: PASSWORD,
    });
    expect(response.status).toBe(200);
    expect((await accounts.readMe(token)).status).toBe(200);
    expect((await accounts.readMe(second)).status).toBe(401);
    expect((await accounts.readMe(third)).status).toBe(401);
  });

  it("re-checks the current password when it changed while the email was moving", async () => {
    const { email, token } = await registeredUser("contested");
    const newEmail = uniqueEmail("contested-new");
    beforeNextTransaction(async () =>
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: accountKeys.credentials(email),
          UpdateExpression: "SET password_hash = :changed",
          ExpressionAttributeValues: { ":changed": await hashPassword("changed elsewhere") },
        }),
      ),
    );
    const response = await accounts.updateMe(token, {
      email: newEmail,
      current_password: PASSWORD,
    });
    expect(response.status).toBe(403);
    // Exactly one of the two emails holds the account, with the newest password.
    expect((await accounts.readMe(token)).body.email).toBe(email);
    expect((await accounts.logIn({ email, password: "changed elsewhere" })).status).toBe(201);
    expect((await accounts.logIn({ email: newEmail, password: PASSWORD })).status).toBe(401);
  });

  it("answers 401 without a valid token", async () => {
    const response = await accounts.updateMe(undefined, { name: "x" });
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toBe("Bearer");
  });
});

describe("DELETE /v1/accounts/me", () => {
  it("removes the account, its sessions and its email claim", async () => {
    const { email, token } = await registeredUser("leaver");
    const other = (await accounts.logIn({ email, password: PASSWORD })).body.token;
    expect((await accounts.deleteMe(token)).status).toBe(204);
    expect((await accounts.readMe(other)).status).toBe(401);
    expect((await accounts.deleteMe(token)).status).toBe(401);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(401);
    expect((await accounts.register({ email, password: PASSWORD, name: "new" })).status).toBe(201);
  });

  it("answers 401 without a valid token", async () => {
    expect((await accounts.deleteMe()).status).toBe(401);
  });
});
