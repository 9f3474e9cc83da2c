import { afterEach, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import brief from "../../fixtures/brief-coupons.json";
import { couponApi, couponBody } from "../../support/coupon-calls";
import { expectProblem } from "../../support/problem";

afterEach(() => {
  clock.now = () => Date.now();
});

/** The brief's sample as our API names it: `couponcode` is `code`; ids are ours to give. */
const fromBrief = ({ id: _id, couponcode, ...rest }: (typeof brief)[number]) => ({
  code: couponcode,
  ...rest,
});

describe("creating and reading a coupon", () => {
  it("answers 201 with the coupon, Location and ETag; GET returns the same", async () => {
    const body = couponBody();
    const created = await couponApi.create(body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^c_[0-9a-f]{32}$/),
      code: body.code,
      title: body.title,
      description: body.description,
      category: "Food",
      merchant: "Cafe Uno",
      store: { ...body.store },
      published_at: body.published_at,
      expire_at: body.expire_at,
      status: "valid",
      active: true,
      max_redemptions: null,
      per_account_limit: 1,
      redemption_count: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(created.headers.location).toBe(`/v1/coupons/${created.body.id}`);
    expect(created.headers.etag).toBe('"v1"');
    const read = await couponApi.get(created.body.id);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.etag).toBe('"v1"');
  });

  it("loads the brief's own sample as it is: 17 valid, 3 invalid, #2 and #18 sharing PETS", async () => {
    const results = [];
    for (const sample of brief) results.push(await couponApi.create(fromBrief(sample)));
    expect(results.map((r) => r.status)).toEqual(brief.map(() => 201));
    const invalid = results.filter((r) => r.body.status === "invalid").map((r) => r.body.title);
    expect(invalid).toHaveLength(3);
    const [first, second] = [results[1]?.body, results[17]?.body];
    expect(first).toMatchObject({ code: "PETS", merchant: "Pets R Us", status: "invalid" });
    expect(second).toMatchObject({ code: "PETS", merchant: "Pets R Us", status: "valid" });
    expect(first.store).toEqual({
      lat: 47.66001,
      long: -122.31313,
      city: "Seattle",
      phone: "547-2445",
      state: "Wa",
      street: "123 Main WAY N.E.",
      zip: "98105",
    });
    expect(first.published_at).toBe("2016-03-05T08:40:51.620Z");
  });

  it("stores any offset in UTC with milliseconds and leaves optional fields null", async () => {
    const body = couponBody({
      published_at: "2026-11-01T09:30:00+05:30",
      expire_at: "2026-12-31T23:59:59Z",
      description: undefined,
      category: undefined,
      store: { street: "1 Rue de Rivoli", city: "Paris", lat: 48.8566, long: 2.3522 },
    });
    const created = await couponApi.create(body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      published_at: "2026-11-01T04:00:00.000Z",
      expire_at: "2026-12-31T23:59:59.000Z",
      description: null,
      category: null,
      store: { state: null, zip: null, phone: null },
    });
  });

  it("answers 404 for ids that name nothing and for ids that cannot name a coupon", async () => {
    for (const id of ["c_0123456789abcdef0123456789abcdef", "nope", "c_XYZ", "r_0123"]) {
      expectProblem(await couponApi.get(id), 404, "coupon_not_found");
    }
  });

  it("refuses writes from outside the manager CIDRs", async () => {
    expectProblem(await couponApi.create(couponBody(), "203.0.113.9"), 403, "forbidden");
  });
});

describe("replacing, patching and deleting", () => {
  it("PUT replaces the whole coupon: fields left out take their defaults", async () => {
    const created = await couponApi.create(
      couponBody({ max_redemptions: 50, per_account_limit: 3 }),
    );
    const id = created.body.id;
    const replacement = couponBody({ title: "Two for one", description: undefined });
    const replaced = await couponApi.replace(id, replacement);
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.headers.etag).toBe('"v2"');
    expect(replaced.body).toMatchObject({
      id,
      code: replacement.code,
      title: "Two for one",
      description: null,
      max_redemptions: null,
      per_account_limit: 1,
      created_at: created.body.created_at,
    });
    expect((await couponApi.get(id)).body).toEqual(replaced.body);
  });

  it("PUT of what is stored changes nothing, not even the ETag", async () => {
    const body = couponBody();
    const created = await couponApi.create(body);
    const same = await couponApi.replace(created.body.id, body);
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe('"v1"');
    expect(same.body).toEqual(created.body);
  });

  it("PATCH merges: nested store fields, null removes optional fields, the rest stays", async () => {
    const created = await couponApi.create(
      couponBody({ max_redemptions: 10, per_account_limit: 2 }),
    );
    const id = created.body.id;
    const patched = await couponApi.patch(id, {
      title: "30% off coffee",
      description: null,
      store: { phone: null, zip: "98102" },
      max_redemptions: null,
      per_account_limit: null,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toEqual({
      ...created.body,
      title: "30% off coffee",
      description: null,
      store: { ...created.body.store, phone: null, zip: "98102" },
      max_redemptions: null,
      per_account_limit: 1,
      updated_at: expect.any(String),
    });
    expect(patched.headers.etag).toBe('"v2"');
    const empty = await couponApi.patch(id, {});
    expect(empty.status).toBe(200);
    expect(empty.headers.etag).toBe('"v2"');
  });

  it("PATCH validates the result as a whole and changes nothing when it is broken", async () => {
    const created = await couponApi.create(couponBody());
    const id = created.body.id;
    const cases: [unknown, string[]][] = [
      [{ title: null }, ["title"]],
      [{ store: null }, ["store"]],
      [{ store: { city: null } }, ["store.city"]],
      [{ store: { lat: 91 } }, ["store.lat"]],
      [{ store: { long: "-122" } }, ["store.long"]],
      [{ expire_at: "tomorrow" }, ["expire_at"]],
      [{ max_redemptions: 0 }, ["max_redemptions"]],
      [{ code: "" }, ["code"]],
      [{ color: "red" }, ["color"]],
      [{ store: { floor: 2 } }, ["store.floor"]],
      [{ store: "1 Pike St" }, ["store"]],
    ];
    for (const [patch, paths] of cases) {
      const response = await couponApi.patch(id, patch);
      expectProblem(response, 422, "validation_failed");
      expect(
        response.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(patch),
      ).toEqual(paths);
    }
    expect((await couponApi.get(id)).body).toEqual(created.body);
  });

  it("DELETE removes the coupon: 204, then 404 for every route", async () => {
    const created = await couponApi.create(couponBody());
    const id = created.body.id;
    expect((await couponApi.delete(id)).status).toBe(204);
    expectProblem(await couponApi.get(id), 404, "coupon_not_found");
    expectProblem(await couponApi.delete(id), 404, "coupon_not_found");
    expectProblem(await couponApi.patch(id, { title: "x" }), 404, "coupon_not_found");
    expectProblem(await couponApi.replace(id, couponBody()), 404, "coupon_not_found");
    const listed = await couponApi.list({ code: created.body.code });
    expect(listed.body.items).toEqual([]);
  });

  it("refuses changes from outside the manager CIDRs", async () => {
    const { body } = await couponApi.create(couponBody());
    const outsider = "198.51.100.7";
    expectProblem(
      await couponApi.patch(body.id, { title: "x" }, undefined, outsider),
      403,
      "forbidden",
    );
    expectProblem(
      await couponApi.replace(body.id, couponBody(), undefined, outsider),
      403,
      "forbidden",
    );
    expectProblem(await couponApi.delete(body.id, undefined, outsider), 403, "forbidden");
  });
});
