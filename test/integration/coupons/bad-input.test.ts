import { describe, expect, it } from "vitest";
import { handler as createCoupon } from "../../../functions/coupons/create-coupon";
import { couponApi, couponBody } from "../../support/coupon-calls";
import { invoke } from "../../support/lambda-event";
import { expectProblem } from "../../support/problem";

const store = couponBody().store;
const cases: [string, Record<string, unknown>, string[]][] = [
  ["a missing code", { code: undefined }, ["code"]],
  ["an empty code", { code: "   " }, ["code"]],
  ["a code of 65 characters", { code: "C".repeat(65) }, ["code"]],
  ["a code with a control character", { code: "TEN\u0000OFF" }, ["code"]],
  ["a numeric code", { code: 60_31261 }, ["code"]],
  ["a title of 201 characters", { title: "t".repeat(201) }, ["title"]],
  ["a description of 2,001 characters", { description: "d".repeat(2001) }, ["description"]],
  ["a missing merchant", { merchant: undefined }, ["merchant"]],
  ["a null category", { category: null }, ["category"]],
  ["a missing store", { store: undefined }, ["store"]],
  ["a store that is a string", { store: "Seattle" }, ["store"]],
  ["latitude 91", { store: { ...store, lat: 91 } }, ["store.lat"]],
  ["latitude −90.0001", { store: { ...store, lat: -90.0001 } }, ["store.lat"]],
  ["longitude −181", { store: { ...store, long: -181 } }, ["store.long"]],
  ["longitude 180.5", { store: { ...store, long: 180.5 } }, ["store.long"]],
  ['a latitude of "NaN"', { store: { ...store, lat: "NaN" } }, ["store.lat"]],
  ['a longitude of "Infinity"', { store: { ...store, long: "Infinity" } }, ["store.long"]],
  ["a latitude in a string", { store: { ...store, lat: "47.6" } }, ["store.lat"]],
  ["a null longitude", { store: { ...store, long: null } }, ["store.long"]],
  ["a missing city", { store: { ...store, city: undefined } }, ["store.city"]],
  ["an unknown store field", { store: { ...store, country: "US" } }, ["store.country"]],
  ["a phone with letters", { store: { ...store, phone: "call 555" } }, ["store.phone"]],
  ["a phone of 33 characters", { store: { ...store, phone: "1".repeat(33) } }, ["store.phone"]],
  ["a phone without digits", { store: { ...store, phone: "(--)" } }, ["store.phone"]],
  ["a time without offset", { published_at: "2026-11-01T00:00:00" }, ["published_at"]],
  ["a date alone", { expire_at: "2026-12-31" }, ["expire_at"]],
  ["February 30th", { expire_at: "2026-02-30T00:00:00Z" }, ["expire_at"]],
  ["a time as epoch seconds", { published_at: 1_780_000_000 }, ["published_at"]],
  ["a time before 1970", { published_at: "1969-12-31T23:59:59Z" }, ["published_at"]],
  ["max_redemptions 0", { max_redemptions: 0 }, ["max_redemptions"]],
  ["max_redemptions 1.5", { max_redemptions: 1.5 }, ["max_redemptions"]],
  ["max_redemptions over a billion", { max_redemptions: 1_000_000_001 }, ["max_redemptions"]],
  ["per_account_limit 0", { per_account_limit: 0 }, ["per_account_limit"]],
  ["a null per_account_limit", { per_account_limit: null }, ["per_account_limit"]],
  ["an unknown field", { couponcode: "PETS" }, ["couponcode"]],
  ["an id", { id: "c_0123456789abcdef0123456789abcdef" }, ["id"]],
];

describe("bad coupon bodies change nothing", () => {
  it.each(cases)("POST and PUT answer 422 for %s", async (what, change, paths) => {
    // A merchant of its own, so that the list of that merchant shows whether anything was stored.
    const merchant = `Bad input: ${what}`;
    const body = couponBody({ merchant, ...change });
    const created = await couponApi.create(body);
    expectProblem(created, 422, "validation_failed");
    expect(created.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect((await couponApi.list({ merchant: merchant.slice(0, 100) })).body.items).toEqual([]);

    const target = await couponApi.create(couponBody());
    const replaced = await couponApi.replace(target.body.id, body);
    expectProblem(replaced, 422, "validation_failed");
    expect((await couponApi.get(target.body.id)).body).toEqual(target.body);
  });

  it("lists every problem of a body at once", async () => {
    const response = await couponApi.create({ code: "", title: 1, store: { lat: 100 } });
    expectProblem(response, 422, "validation_failed");
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        "code",
        "expire_at",
        "merchant",
        "published_at",
        "store.city",
        "store.lat",
        "store.long",
        "store.street",
        "title",
      ].sort(),
    );
  });

  it("accepts a coupon that expires before it is published, as invalid", async () => {
    const response = await couponApi.create(
      couponBody({ published_at: "2026-06-01T00:00:00Z", expire_at: "2026-05-01T00:00:00Z" }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "invalid", active: false });
  });

  it("answers 400 for JSON that is broken or not an object, 413 over 64 KiB, 415 for another type", async () => {
    for (const raw of ["{", "[]", '"coupon"', "null", '{"store": {"lat": 1e999']) {
      expectProblem(
        await invoke(createCoupon, {
          method: "POST",
          path: "/v1/coupons",
          body: raw,
          sourceIp: "127.0.0.1",
        }),
        400,
        "invalid_json",
      );
    }
    const huge = couponBody({ description: "d".repeat(70 * 1024) });
    expectProblem(await couponApi.create(huge), 413, "payload_too_large");
    expectProblem(
      await invoke(createCoupon, {
        method: "POST",
        path: "/v1/coupons",
        body: JSON.stringify(couponBody()),
        headers: { "content-type": "text/plain" },
        sourceIp: "127.0.0.1",
      }),
      415,
      "unsupported_media_type",
    );
  });

  it("reads 1e999 as a number out of range, never as Infinity stored", async () => {
    const raw = JSON.stringify(couponBody()).replace('"lat":47.6097', '"lat":1e999');
    const response = await invoke(createCoupon, {
      method: "POST",
      path: "/v1/coupons",
      body: raw,
      sourceIp: "127.0.0.1",
    });
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(["store.lat"]);
  });

  it("answers 422 for a PATCH body that is not a merge patch of a coupon", async () => {
    const { body } = await couponApi.create(couponBody());
    const response = await couponApi.patch(body.id, { store: { lat: 1, moon: true }, x: 1 });
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "store.moon",
      "x",
    ]);
  });
});

describe("bad list queries", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["limit 0", { limit: "0" }, "limit"],
    ["limit 101", { limit: "101" }, "limit"],
    ["an unknown status", { status: "live" }, "status"],
    ["an empty merchant", { merchant: "" }, "merchant"],
    ["a city of 101 characters", { city: "c".repeat(101) }, "city"],
    ["near without a comma", { near: "47.6", radius_km: "1" }, "near"],
    ["near with words", { near: "north,east", radius_km: "1" }, "near"],
    ["near at latitude 91", { near: "91,0", radius_km: "1" }, "near"],
    ["near at longitude −181", { near: "0,-181", radius_km: "1" }, "near"],
    ["near of NaN", { near: "NaN,NaN", radius_km: "1" }, "near"],
    ["a radius under 0.1 km", { near: "0,0", radius_km: "0.05" }, "radius_km"],
    ["a radius over 50 km", { near: "0,0", radius_km: "50.5" }, "radius_km"],
    ["a radius in words", { near: "0,0", radius_km: "far" }, "radius_km"],
    ["near without radius", { near: "0,0" }, "radius_km"],
    ["radius without near", { radius_km: "1" }, "near"],
    ["an unknown parameter", { state: "valid" }, "state"],
    ["a forged cursor", { cursor: "bm90LWEtY3Vyc29y" }, "cursor"],
  ];
  it.each(cases)("answers 422 for %s", async (_, query, path) => {
    const response = await couponApi.list(query);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });
});
