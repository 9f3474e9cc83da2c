import { beforeAll, describe, expect, it } from "vitest";
import { accounts, PASSWORD, registeredUser } from "./calls";

let token: string;
beforeAll(async () => {
  ({ token } = await registeredUser("validator"));
});

const valid = { email: "valid@example.com", password: PASSWORD, name: "Valid" };
const long = (length: number, char = "x") => char.repeat(length);

type Call = (body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;
const calls: Record<string, Call> = {
  "POST /v1/accounts": (body) => accounts.register(body),
  "POST /v1/sessions": (body) => accounts.logIn(body),
  "PATCH /v1/accounts/me": (body) => accounts.updateMe(token, body),
};

async function expectFieldErrors(call: Call, body: unknown, paths: string[]) {
  const response = await call(body);
  expect(response.status, JSON.stringify(body)).toBe(422);
  expect(response.body.code).toBe("validation_failed");
  const errors = response.body.errors as { path: string; message: string }[];
  expect(errors.map((error) => error.path).sort()).toEqual([...paths].sort());
  for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  // A refused password is never echoed back.
  for (const value of Object.values((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string" && value.length >= 8) {
      expect(JSON.stringify(response.body)).not.toContain(value);
    }
  }
}

describe("bad input", () => {
  it.each(Object.entries(calls))(
    "%s: 400 invalid_json for an empty body, not JSON, or not an object",
    async (_, call) => {
      for (const body of ["", "{not json", "[1,2]", '"text"', "null"]) {
        const response = await call(body);
        expect(response.status, body).toBe(400);
        expect(response.body.code).toBe("invalid_json");
      }
    },
  );

  it("POST /v1/accounts: missing fields, wrong types, too long, unknown fields", async () => {
    const register = calls["POST /v1/accounts"] as Call;
    await expectFieldErrors(register, {}, ["email", "password", "name"]);
    await expectFieldErrors(register, { email: 1, password: true, name: [], phone: 5 }, [
      "email",
      "password",
      "name",
      "phone",
    ]);
    await expectFieldErrors(
      register,
      { email: `${long(250)}@example.com`, password: long(129, "é"), name: long(101) },
      ["email", "password", "name"],
    );
    await expectFieldErrors(register, { ...valid, role: "admin", is_admin: true }, [
      "role",
      "is_admin",
    ]);
    await expectFieldErrors(register, { ...valid, sms_notifications: 0 }, ["sms_notifications"]);
  });

  it("POST /v1/accounts: malformed email and phone, short or blank values", async () => {
    const register = calls["POST /v1/accounts"] as Call;
    for (const email of [
      "plain",
      "a@b",
      "two@@example.com",
      "sp ace@example.com",
      " a@example.com",
    ]) {
      await expectFieldErrors(register, { ...valid, email }, ["email"]);
    }
    for (const phone of [
      "0446681800",
      "+0446681800",
      "+41 44 668 18 00",
      "+1",
      `+${long(16, "1")}`,
      "",
    ]) {
      await expectFieldErrors(register, { ...valid, phone }, ["phone"]);
    }
    await expectFieldErrors(register, { ...valid, password: "short12" }, ["password"]);
    // Seven emoji are fourteen UTF-16 units but only seven characters.
    await expectFieldErrors(register, { ...valid, password: "😀".repeat(7) }, ["password"]);
    await expectFieldErrors(register, { ...valid, name: "   " }, ["name"]);
  });

  it("POST /v1/accounts: accepts Unicode passwords of 8 and of 128 characters", async () => {
    const register = calls["POST /v1/accounts"] as Call;
    const eight = await register({
      ...valid,
      email: "eight@example.com",
      password: "😀".repeat(8),
    });
    expect(eight.status).toBe(201);
    const most = await register({ ...valid, email: "most@example.com", password: long(128, "ß") });
    expect(most.status).toBe(201);
  });

  it("POST /v1/sessions: missing, wrong type, too long, unknown fields, malformed email", async () => {
    const logIn = calls["POST /v1/sessions"] as Call;
    await expectFieldErrors(logIn, {}, ["email", "password"]);
    await expectFieldErrors(logIn, { email: 1, password: 2 }, ["email", "password"]);
    await expectFieldErrors(logIn, { email: "a@example.com", password: long(257) }, ["password"]);
    await expectFieldErrors(logIn, { email: "nope", password: PASSWORD }, ["email"]);
    await expectFieldErrors(logIn, { email: "a@example.com", password: PASSWORD, remember: true }, [
      "remember",
    ]);
  });

  it("PATCH /v1/accounts/me: wrong types, too long, unknown fields, malformed values", async () => {
    const update = calls["PATCH /v1/accounts/me"] as Call;
    await expectFieldErrors(update, { name: null, phone: 41, email: false }, [
      "name",
      "phone",
      "email",
    ]);
    await expectFieldErrors(update, { name: long(101) }, ["name"]);
    await expectFieldErrors(update, { id: "a_other", created_at: "2020-01-01T00:00:00Z" }, [
      "id",
      "created_at",
    ]);
    await expectFieldErrors(update, { phone: "12345" }, ["phone"]);
    await expectFieldErrors(update, { sms_notifications: "false" }, ["sms_notifications"]);
    await expectFieldErrors(update, { sms_notifications: null }, ["sms_notifications"]);
    await expectFieldErrors(update, { email: "not-an-email", current_password: PASSWORD }, [
      "email",
    ]);
    await expectFieldErrors(update, { password: "short", current_password: PASSWORD }, [
      "password",
    ]);
  });

  it("PATCH /v1/accounts/me: an email or password change without current_password is a 422", async () => {
    const update = calls["PATCH /v1/accounts/me"] as Call;
    await expectFieldErrors(update, { email: "new@example.com" }, ["current_password"]);
    await expectFieldErrors(update, { password: "long enough new" }, ["current_password"]);
    await expectFieldErrors(update, { password: "long enough new", current_password: "" }, [
      "current_password",
    ]);
  });
});
