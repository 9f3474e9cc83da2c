import { describe, expect, it } from "vitest";
import { useTestGateway } from "../../support/gateway";
import { expectProblem } from "../../support/problem";

const gateway = useTestGateway();

async function holder(name: string) {
  const email = `${name}.${Date.now()}@example.com`;
  const password = "correct horse battery";
  const registered = await gateway.send("POST", "/v1/accounts", {
    body: { email, password, name },
  });
  expect(registered.status).toBe(201);
  const session = await gateway.send("POST", "/v1/sessions", { body: { email, password } });
  return {
    id: registered.body.id as string,
    auth: { authorization: `Bearer ${session.body.token}` },
  };
}

const post = (accountId: string, body: unknown, key: string, from?: string) =>
  gateway.send("POST", `/v1/accounts/${accountId}/transactions`, {
    body,
    headers: { "Idempotency-Key": key },
    ...(from ? { from } : {}),
  });

describe("the wallet ledger over real HTTP", () => {
  it("posts once per key, and the holder reads it under /v1/accounts/me", async () => {
    const { id, auth } = await holder("ledger-e2e");
    const body = { type: "credit", amount: "12.50", description: "Prize payout" };
    const posted = await post(id, body, "e2e-1");
    expect(posted.status).toBe(201);
    expect(posted.headers.location).toBe(`/v1/accounts/${id}/transactions/${posted.body.id}`);
    const replay = await post(id, body, "e2e-1");
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toEqual(posted.body);
    expectProblem(
      await post(id, { ...body, amount: "1.00" }, "e2e-1"),
      422,
      "idempotency_key_reused",
    );

    const own = await gateway.send("GET", "/v1/accounts/me/transactions", { headers: auth });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ items: [posted.body], next_cursor: null });
    const one = await gateway.send("GET", `/v1/accounts/me/transactions/${posted.body.id}`, {
      headers: auth,
    });
    expect(one.body).toEqual(posted.body);
    const analytics = await gateway.send("GET", "/v1/accounts/me/analytics", { headers: auth });
    expect(analytics.body).toMatchObject({ account_id: id, balance: "12.50", credit_score: 1 });
    const managers = await gateway.send("GET", `/v1/accounts/${id}/analytics`);
    expect(managers.body).toEqual(analytics.body);

    expectProblem(
      await gateway.send("DELETE", "/v1/accounts/me", { headers: auth }),
      409,
      "balance_not_zero",
    );
    expect((await post(id, { type: "debit", amount: "12.50" }, "e2e-2")).status).toBe(201);
    expect((await gateway.send("DELETE", "/v1/accounts/me", { headers: auth })).status).toBe(204);
    const kept = await gateway.send("GET", `/v1/accounts/${id}/transactions`);
    expect(kept.body.items).toHaveLength(2);
  });

  it("routes /v1/accounts/me/... to the holder's routes, and everything else as API Gateway would", async () => {
    expectProblem(
      await gateway.send("GET", "/v1/accounts/me/transactions"),
      401,
      "unauthenticated",
    );
    expectProblem(await gateway.send("GET", "/v1/accounts/me/analytics"), 401, "unauthenticated");
    // POST exists only on /v1/accounts/{account_id}/transactions, and "me" names no account.
    expectProblem(
      await post("me", { type: "credit", amount: "1.00" }, "k"),
      404,
      "account_not_found",
    );
    const wrongMethod = await gateway.send("DELETE", "/v1/accounts/me/transactions");
    expectProblem(wrongMethod, 405, "method_not_allowed");
    expect(wrongMethod.headers.allow).toBe("GET, POST");
  });

  it("refuses postings from outside MANAGER_CIDRS and without an Idempotency-Key", async () => {
    const { id } = await holder("ledger-e2e-guard");
    expectProblem(
      await post(id, { type: "credit", amount: "1.00" }, "k", "127.0.0.7"),
      403,
      "forbidden",
    );
    const keyless = await gateway.send("POST", `/v1/accounts/${id}/transactions`, {
      body: { type: "credit", amount: "1.00" },
    });
    expectProblem(keyless, 422, "validation_failed");
    expect(keyless.body.errors).toEqual([
      { path: "Idempotency-Key", message: "The Idempotency-Key header is required" },
    ]);
  });
});
