import { describe, expect, it } from "vitest";
import { DEMO_RAFFLE, demoCoupons, seed } from "../../../infra/local/seed-catalogue";
import { couponListingsCaughtUp } from "../../support/coupon-listings-runner";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();

const coupon = {
  code: "HTTP10",
  title: "10% off over HTTP",
  category: "Books",
  merchant: "Socket Books",
  store: {
    street: "2 Wire St",
    city: "Oslo",
    phone: "+47 22 00 00 00",
    lat: 59.9139,
    long: 10.7522,
  },
  published_at: "2026-01-01T00:00:00+01:00",
  expire_at: "2099-12-31T23:59:59.999Z",
  max_redemptions: 2,
};

describe("coupons over real HTTP", () => {
  it("creates, reads with an ETag, patches with If-Match, lists near, redeems and deletes", async () => {
    const created = await gateway.send("POST", "/v1/coupons", { body: coupon });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.location).toBe(`/v1/coupons/${created.body.id}`);
    expect(created.headers.etag).toBe('"v1"');
    expect(created.body.published_at).toBe("2025-12-31T23:00:00.000Z");
    const path = `/v1/coupons/${created.body.id}`;

    const read = await gateway.send("GET", path);
    expect(read.headers.etag).toBe('"v1"');
    expect(read.headers["cache-control"]).toBe("no-store");

    const patched = await gateway.send("PATCH", path, {
      body: { title: "12% off over HTTP" },
      headers: { "If-Match": '"v1"' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.headers.etag).toBe('"v2"');
    const stale = await gateway.send("PATCH", path, {
      body: { title: "lost update" },
      headers: { "If-Match": '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("precondition_failed");

    const near = await gateway.send(
      "GET",
      "/v1/coupons?near=59.91,10.75&radius_km=2&status=active",
    );
    expect(near.status).toBe(200);
    const found = near.body.items.find((item: { id: string }) => item.id === created.body.id);
    expect(found.distance_km).toBeGreaterThan(0);
    expect(found.distance_km).toBeLessThan(2);

    const email = `holder.${Date.now()}@example.com`;
    const password = "correct horse battery";
    expect(
      (await gateway.send("POST", "/v1/accounts", { body: { email, password, name: "Holder" } }))
        .status,
    ).toBe(201);
    const session = await gateway.send("POST", "/v1/sessions", { body: { email, password } });
    const auth = { authorization: `Bearer ${session.body.token}` };
    const redeemed = await gateway.send("POST", `${path}/redemptions`, { headers: auth });
    expect(redeemed.status, redeemed.text).toBe(201);
    const again = await gateway.send("POST", `${path}/redemptions`, { headers: auth });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("account_limit_reached");
    const mine = await gateway.send("GET", "/v1/accounts/me/redemptions", { headers: auth });
    expect(mine.body.items).toEqual([redeemed.body]);

    const gone = await gateway.send("DELETE", path, { headers: { "If-Match": '"v2"' } });
    expect(gone.status).toBe(204);
    expect((await gateway.send("POST", `${path}/redemptions`, { headers: auth })).status).toBe(404);
    expect(
      (await gateway.send("GET", "/v1/accounts/me/redemptions", { headers: auth })).body.items,
    ).toHaveLength(1);
  });

  it("answers a malformed If-Match with 422 naming the header", async () => {
    const created = await gateway.send("POST", "/v1/coupons", { body: { ...coupon, code: "HDR" } });
    const response = await gateway.send("DELETE", `/v1/coupons/${created.body.id}`, {
      headers: { "If-Match": "v1" },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: "If-Match", message: expect.any(String) }]);
  });
});

describe("npm run seed", () => {
  it("loads the demo catalogue and raffle through the routes, and a second run adds nothing", async () => {
    const base = gateway.url;
    const steps: string[] = [];
    const first = await seed(base, Date.now(), (step) => steps.push(step));
    // One progress line per coupon, then the raffle: `npm run seed` prints each.
    expect(steps).toHaveLength(demoCoupons(Date.now()).length + 1);
    expect(steps[0]).toMatch(/^coupon 1 of \d+: /);
    expect(steps.at(-1)).toMatch(/^demo raffle /);
    expect(first).toEqual({
      coupons: { created: demoCoupons(Date.now()).length, kept: 0 },
      raffle: "created",
    });
    const second = await seed(base);
    expect(second).toEqual({
      coupons: { created: 0, kept: demoCoupons(Date.now()).length },
      raffle: "kept",
    });

    // Lists follow the table's stream: the listings' function catches up first.
    await couponListingsCaughtUp();
    const count = async (query: string) =>
      (
        await gateway.send(
          "GET",
          `/v1/coupons?limit=100&merchant=${encodeURIComponent("Pets R Us")}${query}`,
        )
      ).body.items.length;
    expect(await count("")).toBe(3);
    expect(await count("&status=active")).toBe(1);
    expect(await count("&status=expired")).toBe(1);
    expect(await count("&status=scheduled")).toBe(1);
    const invalid = await gateway.send("GET", "/v1/coupons?status=invalid&code=OOPS");
    expect(invalid.body.items).toHaveLength(1);
    const dateline = await gateway.send("GET", "/v1/coupons?near=-16.8,-179.99&radius_km=10");
    expect(dateline.body.items.map((item: { code: string }) => item.code)).toEqual(["DATELINE"]);
    const raffles = await gateway.send("GET", "/v1/raffles?limit=100");
    expect(
      raffles.body.items.filter((r: { name: string }) => r.name === DEMO_RAFFLE.name),
    ).toHaveLength(1);
  });
});
