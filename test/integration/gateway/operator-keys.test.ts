// Issue 19, finding 4: manager rights were an address and nothing else. With
// MANAGER_KEYS=required a manager route also needs a live operator key; `off` is the address
// alone (the suite's and `npm start`'s mode, which every other test exercises).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOperatorKey } from "#operators";
import { demoCoupons, seed } from "../../../infra/local/seed-catalogue";
import { useTestGateway } from "../../support/gateway";
import { recordSecret } from "../../support/secrets";
import { scanTable } from "../../support/table-scan";

const gateway = useTestGateway();
const MANAGER = "127.0.0.1";
const raffle = { name: "Keyed raffle", total_tickets: 5, prizes: [{ name: "P", quantity: 1 }] };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A key as `npm run operator-key -- create` makes it: straight into the table. */
async function cliKey(name: string) {
  const created = await createOperatorKey(name);
  recordSecret("operator key", created.key);
  return created;
}

describe("MANAGER_KEYS=required", () => {
  beforeEach(() => {
    vi.stubEnv("MANAGER_KEYS", "required");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("answers 401 to a manager address without a live key, whatever it sends instead", async () => {
    for (const headers of [
      {},
      bearer("op_short"),
      bearer(`op_${"A".repeat(43)}`),
      { authorization: "Basic b3A6b3A=" },
    ]) {
      const refused = await gateway.send("POST", "/v1/raffles", { body: raffle, headers });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe("unauthenticated");
      expect(refused.headers["www-authenticate"]).toBe("Bearer");
    }
    expect((await gateway.send("GET", "/v1/alerts")).status).toBe(401);
  });

  it("npm run seed works with OPERATOR_KEY, and without one stops at its first write with 401", async () => {
    await expect(seed(gateway.url)).rejects.toThrow(/POST \/v1\/coupons answered 401/);
    const { key } = await cliKey("seed");
    const seeded = await seed(gateway.url, Date.now(), () => {}, key);
    expect(seeded).toEqual({
      coupons: { created: demoCoupons(Date.now()).length, kept: 0 },
      raffle: "created",
    });
  });

  it("lets a live key act from a manager address only, marks its use, and a revoked key is 403 at once", async () => {
    const first = await cliKey("back-office");
    const made = await gateway.send("POST", "/v1/raffles", {
      body: raffle,
      headers: bearer(first.key),
    });
    expect(made.status).toBe(201);
    // The address is still required: a key alone is no manager.
    const elsewhere = await gateway.send("POST", "/v1/raffles", {
      body: raffle,
      headers: bearer(first.key),
      from: "127.0.0.8",
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.code).toBe("forbidden");

    const second = await gateway.send("POST", "/v1/operator-keys", {
      body: { name: "rotation" },
      headers: bearer(first.key),
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ name: "rotation", id: expect.stringMatching(/^opk_/) });
    expect(second.body.key).toMatch(/^op_[A-Za-z0-9_-]{43}$/);
    recordSecret("operator key", second.body.key);

    const listed = await gateway.send("GET", "/v1/operator-keys", {
      headers: bearer(second.body.key),
    });
    expect(listed.status).toBe(200);
    const byName = Object.fromEntries(listed.body.items.map((k: { name: string }) => [k.name, k]));
    expect(byName["back-office"]).toMatchObject({ id: first.id, revoked_at: null });
    expect(byName["back-office"].last_used_at).toEqual(expect.any(String));
    expect(byName.rotation.key).toBeUndefined();

    const revoked = await gateway.send("DELETE", `/v1/operator-keys/${first.id}`, {
      headers: bearer(second.body.key),
    });
    expect(revoked.status).toBe(204);
    const after = await gateway.send("POST", "/v1/raffles", {
      body: raffle,
      headers: bearer(first.key),
    });
    expect(after.status).toBe(403);
    expect(after.body.code).toBe("forbidden");
    // The other key still works, and revoking again changes nothing.
    const again = await gateway.send("DELETE", `/v1/operator-keys/${first.id}`, {
      headers: bearer(second.body.key),
    });
    expect(again.status).toBe(204);
    const unknown = await gateway.send("DELETE", "/v1/operator-keys/opk_AAAAAAAAAAAAAAAAAAAAAA", {
      headers: bearer(second.body.key),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("operator_key_not_found");

    // No raw key anywhere in the table: only keyed hashes.
    const text = JSON.stringify(await scanTable());
    for (const key of [first.key, second.body.key]) expect(text).not.toContain(key);
    expect(text).toContain("OPKEY#");
  });
});

describe("MANAGER_KEYS=off", () => {
  it("takes the manager address alone, as npm start does", async () => {
    vi.stubEnv("MANAGER_KEYS", "off");
    const made = await gateway.send("POST", "/v1/raffles", { body: raffle, from: MANAGER });
    expect(made.status).toBe(201);
    expect(
      (await gateway.send("POST", "/v1/raffles", { body: raffle, from: "127.0.0.8" })).status,
    ).toBe(403);
    vi.unstubAllEnvs();
  });
});
