import { describe, expect, it } from "vitest";
import { expectLedgerConsistent, ledgerSnapshot } from "../../support/ledger";
import { ledgerApi } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";
import { accounts, PASSWORD, registeredUser } from "../accounts/calls";

describe("deleting an account with a wallet", () => {
  it("is 409 balance_not_zero while money is left, and changes nothing", async () => {
    const holder = await registeredUser("rich");
    await ledgerApi.post(holder.id, { type: "credit", amount: "0.01" });
    const before = await ledgerSnapshot(holder.id);
    expectProblem(await accounts.deleteMe(holder.token), 409, "balance_not_zero");
    expect((await accounts.readMe(holder.token)).status).toBe(200);
    expect((await accounts.logIn({ email: holder.email, password: PASSWORD })).status).toBe(201);
    expect(await ledgerSnapshot(holder.id)).toEqual(before);
  });

  it("succeeds at a zero balance; managers still read the ledger, postings are 404", async () => {
    const holder = await registeredUser("emptied");
    const credit = await ledgerApi.post(holder.id, { type: "credit", amount: "8.00" });
    await ledgerApi.post(holder.id, { type: "debit", amount: "8.00" });
    expect((await accounts.deleteMe(holder.token)).status).toBe(204);

    expect((await ledgerApi.get(holder.id, credit.body.id)).body).toEqual(credit.body);
    const { history, analytics } = await expectLedgerConsistent(holder.id);
    expect(history).toHaveLength(2);
    expect(analytics).toMatchObject({ balance: "0.00", transaction_count: 2 });
    expectProblem(
      await ledgerApi.post(holder.id, { type: "credit", amount: "1.00" }),
      404,
      "account_not_found",
    );
    expectProblem(await ledgerApi.analyticsOwn(holder.token), 401, "unauthenticated");
  });

  it("succeeds for an account that never had a transaction", async () => {
    const holder = await registeredUser("never-paid");
    expect((await accounts.deleteMe(holder.token)).status).toBe(204);
    expectProblem(await ledgerApi.list(holder.id), 404, "account_not_found");
    expectProblem(await ledgerApi.analytics(holder.id), 404, "account_not_found");
  });

  it("is exact against concurrent postings: a deletion that wins leaves no posting after it", async () => {
    for (let round = 0; round < 4; round++) {
      const holder = await registeredUser(`racer${round}`);
      const [deletion, ...postings] = await Promise.all([
        accounts.deleteMe(holder.token),
        ...Array.from({ length: 5 }, () =>
          ledgerApi.post(holder.id, { type: "credit", amount: "1.00" }),
        ),
      ]);
      const posted = postings.filter((p) => p.status === 201).length;
      for (const posting of postings) {
        if (posting.status !== 201) expectProblem(posting, 404, "account_not_found");
      }
      if (deletion?.status === 204) {
        // The deletion saw a zero balance, so it committed before every posting: all refused,
        // and no ledger was ever written.
        expect(posted).toBe(0);
        expectProblem(await ledgerApi.list(holder.id), 404, "account_not_found");
      } else {
        expectProblem(deletion as never, 409, "balance_not_zero");
        // The account was never deleted: every posting went through.
        expect(posted).toBe(postings.length);
        const { analytics } = await expectLedgerConsistent(holder.id);
        expect(analytics.balance).toBe(`${posted}.00`);
      }
    }
  });
});
