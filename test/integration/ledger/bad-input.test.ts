import { beforeAll, describe, expect, it } from "vitest";
import { ledgerSnapshot } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";

const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();
const valid = { type: "credit", amount: "5.00" };

let account: string;
let before: Awaited<ReturnType<typeof ledgerSnapshot>>;

beforeAll(async () => {
  account = await newLedgerAccount();
  expect((await ledgerApi.post(account, { type: "credit", amount: "100.00" })).status).toBe(201);
  before = await ledgerSnapshot(account);
});

describe("a posting with bad input is refused and changes nothing", () => {
  it.each([
    ["missing type", { amount: "5.00" }, ["type"]],
    ["missing amount", { type: "credit" }, ["amount"]],
    ["an empty object", {}, ["amount", "type"]],
    ["an extra field", { ...valid, currency: "EUR" }, ["currency"]],
    ["an unknown type", { ...valid, type: "transfer" }, ["type"]],
    ["a type of the wrong case", { ...valid, type: "CREDIT" }, ["type"]],
    ["amount as a number", { ...valid, amount: 5 }, ["amount"]],
    ["amount null", { ...valid, amount: null }, ["amount"]],
    ['amount "0"', { ...valid, amount: "0" }, ["amount"]],
    ['amount "0.00"', { ...valid, amount: "0.00" }, ["amount"]],
    ['amount "-1"', { ...valid, amount: "-1" }, ["amount"]],
    ['amount "1.001"', { ...valid, amount: "1.001" }, ["amount"]],
    ['amount "1e3"', { ...valid, amount: "1e3" }, ["amount"]],
    ['amount " 5"', { ...valid, amount: " 5" }, ["amount"]],
    ['amount "5 "', { ...valid, amount: "5 " }, ["amount"]],
    ['amount "1,5"', { ...valid, amount: "1,5" }, ["amount"]],
    ["amount over the maximum", { ...valid, amount: "1000000000.01" }, ["amount"]],
    ["a huge amount", { ...valid, amount: "9".repeat(5000) }, ["amount"]],
    ["occurred_at not a time", { ...valid, occurred_at: "yesterday" }, ["occurred_at"]],
    ["occurred_at a date only", { ...valid, occurred_at: "2026-11-30" }, ["occurred_at"]],
    [
      "occurred_at without offset",
      { ...valid, occurred_at: "2026-11-30T09:00:00" },
      ["occurred_at"],
    ],
    ["occurred_at not a day", { ...valid, occurred_at: "2026-02-30T09:00:00Z" }, ["occurred_at"]],
    [
      "occurred_at finer than ms",
      { ...valid, occurred_at: "2026-11-30T09:00:00.1234Z" },
      ["occurred_at"],
    ],
    ["occurred_at before 1970", { ...valid, occurred_at: "1969-12-31T23:59:59Z" }, ["occurred_at"]],
    [
      "occurred_at 6 minutes ahead",
      { ...valid, occurred_at: inFuture(6 * 60_000) },
      ["occurred_at"],
    ],
    ["occurred_at a number", { ...valid, occurred_at: 1_790_000_000 }, ["occurred_at"]],
    ["an empty description", { ...valid, description: "" }, ["description"]],
    ["a blank description", { ...valid, description: "   " }, ["description"]],
    [
      "a description of 201 characters",
      { ...valid, description: "x".repeat(201) },
      ["description"],
    ],
    ["a description of 201 emoji", { ...valid, description: "🎟".repeat(201) }, ["description"]],
    ["a description that is not text", { ...valid, description: ["a"] }, ["description"]],
  ])("422 for %s", async (_, body, paths) => {
    const response = await ledgerApi.post(account, body);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(paths);
  });

  it.each([
    ["missing", {}],
    ["empty", { "idempotency-key": "" }],
    ["256 characters", { "idempotency-key": "k".repeat(256) }],
    ["with a space", { "idempotency-key": "two words" }],
    ["not ASCII", { "idempotency-key": "clé" }],
    ["with a control character", { "idempotency-key": "a\tb" }],
  ])("422 naming the Idempotency-Key header when it is %s", async (_, headers) => {
    const response = await ledgerApi.post(account, valid, { headers });
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors).toEqual([
      { path: "Idempotency-Key", message: expect.any(String) },
    ]);
  });

  it("names the header and every body problem at once", async () => {
    const response = await ledgerApi.post(account, { type: "gift", amount: 1 }, { headers: {} });
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "Idempotency-Key",
      "amount",
      "type",
    ]);
  });

  it.each([
    ["not JSON", "{type: credit}"],
    ["a JSON array", "[]"],
    ["empty", ""],
  ])("400 invalid_json for a body that is %s", async (_, body) => {
    expectProblem(await ledgerApi.post(account, body), 400, "invalid_json");
  });

  it("413 for a body over 64 KiB", async () => {
    const response = await ledgerApi.post(account, { ...valid, description: "x".repeat(70_000) });
    expectProblem(response, 413, "payload_too_large");
  });

  it("403 for a caller outside MANAGER_CIDRS", async () => {
    expectProblem(
      await ledgerApi.post(account, valid, { sourceIp: "198.51.100.7" }),
      403,
      "forbidden",
    );
  });

  it.each([
    ["an id of the wrong shape", "acct-1"],
    ["an unknown account id", "a_AAAAAAAAAAAAAAAAAAAAAA"],
    ["the word me", "me"],
  ])("404 account_not_found for %s", async (_, id) => {
    expectProblem(await ledgerApi.post(id, valid), 404, "account_not_found");
  });

  it("left the wallet, its aggregates and its items as they were", async () => {
    expect(await ledgerSnapshot(account)).toEqual(before);
    expect((await ledgerApi.analytics(account)).body).toMatchObject({
      balance: "100.00",
      transaction_count: 1,
    });
  });
});
