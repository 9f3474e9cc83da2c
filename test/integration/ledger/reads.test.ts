import { beforeAll, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";
import { registeredUser } from "../accounts/calls";

const at = (day: number, hour = 12, ms = 0) =>
  new Date(Date.UTC(2026, 5, day, hour, 0, 0, ms)).toISOString();
const ids = (response: { body: { items: { id: string }[] } }) =>
  response.body.items.map((t) => t.id);

let account: string;
/** Posted in this order (sequence 1…6); `occurred_at` deliberately not in posting order. */
const posted: { id: string; sequence: number; type: string; created_at: string }[] = [];
const realNow = clock.now;

beforeAll(async () => {
  account = await newLedgerAccount();
  // [type, amount, occurred_at, the service's clock when posting]. The fourth posting's clock is
  // behind the third's (another process's clock, say): its created_at is the third's.
  const postings = [
    ["credit", "50.00", at(5), at(9)],
    ["debit", "5.00", at(11), at(11)],
    ["credit", "7.00", at(10), at(12)],
    ["debit", "1.00", at(1), at(11, 18)],
    ["credit", "2.00", at(12), at(12, 23, 999)],
    ["credit", "3.00", at(2), at(13)],
  ] as const;
  try {
    for (const [type, amount, occurred_at, now] of postings) {
      clock.now = () => Date.parse(now);
      const response = await ledgerApi.post(account, { type, amount, occurred_at });
      expect(response.status).toBe(201);
      posted.push(response.body);
    }
  } finally {
    clock.now = realNow;
  }
});

/** The posted ids in statement order, newest (highest sequence) first, kept by `keep`. */
const expected = (keep: (t: (typeof posted)[number]) => boolean = () => true) =>
  posted
    .filter(keep)
    .sort((a, b) => b.sequence - a.sequence)
    .map((t) => t.id);

describe("GET /v1/accounts/{account_id}/transactions", () => {
  it("lists the statement newest first: sequence 6…1, created_at the commit time, never decreasing", async () => {
    const response = await ledgerApi.list(account);
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(expected());
    expect(response.body.items.map((t: { sequence: number }) => t.sequence)).toEqual([
      6, 5, 4, 3, 2, 1,
    ]);
    expect(response.body.items.map((t: { created_at: string }) => t.created_at)).toEqual([
      at(13),
      at(12, 23, 999),
      at(12),
      at(12),
      at(11),
      at(9),
    ]);
    expect(response.body.items.map((t: { balance_after: string }) => t.balance_after)).toEqual([
      "56.00",
      "53.00",
      "51.00",
      "52.00",
      "45.00",
      "50.00",
    ]);
    expect(response.body.next_cursor).toBeNull();
  });

  it("pages with cursors until next_cursor is null", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ledgerApi.list(account, { limit: "4", ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      cursor = page.body.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(expected());
  });

  it.each([
    ["credit", (t: { type: string }) => t.type === "credit"],
    ["debit", (t: { type: string }) => t.type === "debit"],
  ])("filters by type=%s, newest first, paging too", async (type, keep) => {
    expect(ids(await ledgerApi.list(account, { type }))).toEqual(expected(keep));
    const first = await ledgerApi.list(account, { type, limit: "1" });
    const second = await ledgerApi.list(account, {
      type,
      limit: "1",
      cursor: first.body.next_cursor,
    });
    expect([...ids(first), ...ids(second)]).toEqual(expected(keep).slice(0, 2));
  });

  it("filters on created_at with from and to, both inclusive to the millisecond", async () => {
    const inRange = (from: string, to: string) => (t: { created_at: string }) =>
      t.created_at >= from && t.created_at <= to;
    const from = at(11);
    const to = at(12, 23, 999);
    expect(ids(await ledgerApi.list(account, { from, to }))).toEqual(expected(inRange(from, to)));
    expect(ids(await ledgerApi.list(account, { from, to }))).toHaveLength(4);
    expect(ids(await ledgerApi.list(account, { from: at(12, 23, 999) }))).toHaveLength(2);
    expect(ids(await ledgerApi.list(account, { to: at(9) }))).toEqual(
      expected(inRange(at(9), at(9))),
    );
    expect(
      ids(await ledgerApi.list(account, { from: "2026-06-12T14:00:00+02:00", to: "2026-06-12" })),
    ).toEqual(expected(inRange(at(12), at(12, 23, 999))));
    const credits = await ledgerApi.list(account, {
      type: "credit",
      from: "2026-06-11",
      to: "2026-06-12",
    });
    expect(ids(credits)).toEqual(
      expected((t) => t.type === "credit" && inRange(at(11, 0), at(12, 23, 999))(t)),
    );
    expect(ids(await ledgerApi.list(account, { from: "2027-01-01" }))).toEqual([]);
  });

  it.each([
    ["limit 0", { limit: "0" }, "limit"],
    ["limit 101", { limit: "101" }, "limit"],
    ["limit not a number", { limit: "ten" }, "limit"],
    ["an unknown type", { type: "refund" }, "type"],
    ["from not a time", { from: "last week" }, "from"],
    ["to without offset", { to: "2026-06-12T10:00:00" }, "to"],
    ["from after to", { from: "2026-06-12", to: "2026-06-11" }, "to"],
    ["an unknown parameter", { sort: "asc" }, "sort"],
    ["a forged cursor", { cursor: "bm90LWEtY3Vyc29y" }, "cursor"],
  ])("422 for %s", async (_, query, path) => {
    const response = await ledgerApi.list(account, query);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it("refuses a cursor from another list: another filter or another account", async () => {
    const credits = await ledgerApi.list(account, { type: "credit", limit: "1" });
    const all = await ledgerApi.list(account, { limit: "1" });
    expectProblem(
      await ledgerApi.list(account, { cursor: credits.body.next_cursor }),
      422,
      "validation_failed",
    );
    expectProblem(
      await ledgerApi.list(account, { type: "debit", cursor: credits.body.next_cursor }),
      422,
      "validation_failed",
    );
    expectProblem(
      await ledgerApi.list(account, { type: "credit", cursor: all.body.next_cursor }),
      422,
      "validation_failed",
    );
    const other = await newLedgerAccount();
    expectProblem(
      await ledgerApi.list(other, { cursor: all.body.next_cursor }),
      422,
      "validation_failed",
    );
  });

  it("answers an empty page for an account without transactions, 404 for no account", async () => {
    const empty = await newLedgerAccount();
    expect((await ledgerApi.list(empty)).body).toEqual({ items: [], next_cursor: null });
    expectProblem(await ledgerApi.list("a_AAAAAAAAAAAAAAAAAAAAAA"), 404, "account_not_found");
    expectProblem(await ledgerApi.list("not-an-id"), 404, "account_not_found");
    expectProblem(await ledgerApi.analytics("a_AAAAAAAAAAAAAAAAAAAAAA"), 404, "account_not_found");
  });

  it("is for managers only", async () => {
    expectProblem(await ledgerApi.list(account, undefined, "198.51.100.7"), 403, "forbidden");
    expectProblem(
      await ledgerApi.get(account, posted[0]?.id ?? "", "198.51.100.7"),
      403,
      "forbidden",
    );
    expectProblem(await ledgerApi.analytics(account, "198.51.100.7"), 403, "forbidden");
  });
});

describe("GET /v1/accounts/{account_id}/transactions/{transaction_id}", () => {
  it("reads one transaction; 404 transaction_not_found for an id that names none", async () => {
    const first = posted[0] as { id: string };
    expect((await ledgerApi.get(account, first.id)).body).toEqual(first);
    for (const id of [
      "tx_1781092800000_000000000099",
      "tx_1",
      "tx_0000000000000_000000000000",
      "nope",
    ]) {
      expectProblem(await ledgerApi.get(account, id), 404, "transaction_not_found");
    }
    const other = await newLedgerAccount();
    expectProblem(await ledgerApi.get(other, first.id), 404, "transaction_not_found");
    expectProblem(
      await ledgerApi.get("a_AAAAAAAAAAAAAAAAAAAAAA", first.id),
      404,
      "account_not_found",
    );
  });
});

describe("an account holder's own ledger", () => {
  it("sees their own transactions and analytics under /v1/accounts/me, nobody else's", async () => {
    const holder = await registeredUser("ledger-holder");
    const stranger = await registeredUser("ledger-stranger");
    const mine = await ledgerApi.post(holder.id, { type: "credit", amount: "20.00" });
    const theirs = await ledgerApi.post(stranger.id, { type: "credit", amount: "99.00" });
    await ledgerApi.post(holder.id, { type: "debit", amount: "5.00", occurred_at: at(1) });

    const list = await ledgerApi.listOwn(holder.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { amount: string }) => t.amount)).toEqual(["5.00", "20.00"]);
    expect(ids(await ledgerApi.listOwn(holder.token, { type: "debit" }))).toHaveLength(1);
    expect((await ledgerApi.getOwn(holder.token, mine.body.id)).body).toEqual(mine.body);
    expectProblem(
      await ledgerApi.getOwn(holder.token, theirs.body.id),
      404,
      "transaction_not_found",
    );
    expect((await ledgerApi.analyticsOwn(holder.token)).body).toMatchObject({
      account_id: holder.id,
      balance: "15.00",
      transaction_count: 2,
    });
    expectProblem(await ledgerApi.listOwn(holder.token, { limit: "0" }), 422, "validation_failed");
  });

  it("needs a valid token", async () => {
    for (const response of [
      await ledgerApi.listOwn("not-a-token"),
      await ledgerApi.getOwn("not-a-token", "tx_1781092800000_000000000001"),
      await ledgerApi.analyticsOwn("A".repeat(43)),
    ]) {
      expectProblem(response, 401, "unauthenticated");
      expect(response.headers["www-authenticate"]).toBe("Bearer");
    }
  });
});
