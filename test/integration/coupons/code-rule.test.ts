import { describe, expect, it } from "vitest";
import { couponApi, couponBody } from "../../support/coupon-calls";
import { expectProblem } from "../../support/problem";

let merchants = 0;
/** A merchant no other test uses, so that each test's codes meet only its own. */
const newMerchant = () => `Code rule merchant ${merchants++}`;

const window = (from: string, to: string) => ({ published_at: from, expire_at: to });

describe("a code names at most one coupon of a merchant at any moment", () => {
  it("refuses an overlapping window for the same code, ignoring case and spacing", async () => {
    const merchant = newMerchant();
    const first = await couponApi.create(
      couponBody({
        merchant,
        code: "SUMMER25",
        ...window("2026-06-01T00:00:00Z", "2026-08-31T23:59:59Z"),
      }),
    );
    expect(first.status).toBe(201);
    const clash = await couponApi.create(
      couponBody({
        merchant: ` ${merchant.toUpperCase()}  `,
        code: "summer25",
        ...window("2026-08-31T23:59:59Z", "2026-09-30T00:00:00Z"),
      }),
    );
    expectProblem(clash, 409, "code_taken");
    expect(clash.body.detail).toContain(first.body.id);
  });

  it("lets the code come back for a later campaign, and other merchants use it meanwhile", async () => {
    const merchant = newMerchant();
    const summer = window("2026-06-01T00:00:00Z", "2026-08-31T23:59:59.999Z");
    const autumn = window("2026-09-01T00:00:00Z", "2026-11-30T00:00:00Z");
    expect(
      (await couponApi.create(couponBody({ merchant, code: "SEASON", ...summer }))).status,
    ).toBe(201);
    expect(
      (await couponApi.create(couponBody({ merchant, code: "SEASON", ...autumn }))).status,
    ).toBe(201);
    expect(
      (await couponApi.create(couponBody({ merchant: newMerchant(), code: "SEASON", ...summer })))
        .status,
    ).toBe(201);
  });

  it("an invalid coupon's window is empty: it holds nothing and clashes with nothing", async () => {
    const merchant = newMerchant();
    const invalid = window("2016-03-05T08:40:51.620Z", "2016-01-05T08:40:51.620Z");
    const valid = window("2016-03-05T08:40:51.620Z", "2016-11-05T08:40:51.620Z");
    expect(
      (await couponApi.create(couponBody({ merchant, code: "PETS", ...invalid }))).status,
    ).toBe(201);
    expect((await couponApi.create(couponBody({ merchant, code: "PETS", ...valid }))).status).toBe(
      201,
    );
    expect(
      (await couponApi.create(couponBody({ merchant, code: "PETS", ...invalid }))).status,
    ).toBe(201);
  });

  it("rechecks the rule when a PATCH or PUT changes the code, the merchant or the window", async () => {
    const merchant = newMerchant();
    const other = newMerchant();
    const june = window("2026-06-01T00:00:00Z", "2026-06-30T00:00:00Z");
    const july = window("2026-07-01T00:00:00Z", "2026-07-31T00:00:00Z");
    await couponApi.create(couponBody({ merchant, code: "JUNE", ...june }));
    await couponApi.create(couponBody({ merchant: other, code: "JULY", ...july }));
    const target = await couponApi.create(couponBody({ merchant, code: "JULY", ...july }));
    const id = target.body.id;
    expectProblem(await couponApi.patch(id, { code: "june", ...june }), 409, "code_taken");
    expectProblem(await couponApi.patch(id, { merchant: other }), 409, "code_taken");
    expectProblem(
      await couponApi.patch(id, { code: "JUNE", published_at: "2026-06-29T00:00:00Z" }),
      409,
      "code_taken",
    );
    expectProblem(
      await couponApi.replace(id, couponBody({ merchant, code: "JUNE", ...june })),
      409,
      "code_taken",
    );
    expect((await couponApi.get(id)).body).toEqual(target.body);
    // Making it invalid frees its window; moving it to another code frees that code.
    expect(
      (await couponApi.patch(id, { code: "JUNE", published_at: "2026-08-01T00:00:00Z" })).status,
    ).toBe(200);
    expect(
      (await couponApi.patch(id, { code: "AUGUST", published_at: "2026-07-01T00:00:00Z" })).status,
    ).toBe(200);
    expect((await couponApi.create(couponBody({ merchant, code: "JULY", ...july }))).status).toBe(
      201,
    );
  });

  it("deleting a coupon frees its code", async () => {
    const merchant = newMerchant();
    const body = couponBody({ merchant, code: "GONE" });
    const first = await couponApi.create(body);
    expectProblem(await couponApi.create(body), 409, "code_taken");
    expect((await couponApi.delete(first.body.id)).status).toBe(204);
    expect((await couponApi.create(body)).status).toBe(201);
  });

  it("is race-exact: of 8 simultaneous creations of one code in overlapping windows, one lands", async () => {
    const merchant = newMerchant();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        couponApi.create(
          couponBody({
            merchant,
            code: "FLASH",
            ...window(`2026-07-0${i + 1}T00:00:00Z`, "2026-07-20T00:00:00Z"),
          }),
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expectProblem(refused, 409, "code_taken");
    }
    expect((await couponApi.list({ merchant, code: "flash" })).body.items).toHaveLength(1);
  });

  it("is race-exact for changes too: two coupons moved into one window at once, one lands", async () => {
    const merchant = newMerchant();
    const ids = [];
    for (const month of ["01", "02"]) {
      const created = await couponApi.create(
        couponBody({
          merchant,
          code: "MOVE",
          ...window(`2027-${month}-01T00:00:00Z`, `2027-${month}-20T00:00:00Z`),
        }),
      );
      ids.push(created.body.id as string);
    }
    const target = window("2027-03-01T00:00:00Z", "2027-03-20T00:00:00Z");
    const responses = await Promise.all(ids.map((id) => couponApi.patch(id, target)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
