import { describe, expect, it } from "vitest";
import { couponApi, couponBody } from "../../support/coupon-calls";
import { expectProblem } from "../../support/problem";

describe("ETag and If-Match", () => {
  it("changes the coupon only while If-Match names its current ETag", async () => {
    const created = await couponApi.create(couponBody());
    const id = created.body.id;
    const first = await couponApi.patch(id, { title: "First" }, '"v1"');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"v2"');
    const stale = await couponApi.patch(id, { title: "Second" }, '"v1"');
    expectProblem(stale, 412, "precondition_failed");
    expect((await couponApi.get(id)).body.title).toBe("First");
    expectProblem(await couponApi.replace(id, couponBody(), '"v1"'), 412, "precondition_failed");
    expectProblem(await couponApi.delete(id, '"v1"'), 412, "precondition_failed");
    expect((await couponApi.get(id)).status).toBe(200);
  });

  it("accepts *, a list holding the tag, and compares strongly (a weak tag never matches)", async () => {
    const { body } = await couponApi.create(couponBody());
    expectProblem(
      await couponApi.patch(body.id, { title: "Weak" }, 'W/"v1"'),
      412,
      "precondition_failed",
    );
    expect((await couponApi.patch(body.id, { title: "Star" }, "*")).headers.etag).toBe('"v2"');
    expect((await couponApi.patch(body.id, { title: "List" }, '"v9", "v2" ,')).headers.etag).toBe(
      '"v3"',
    );
    expect((await couponApi.delete(body.id, '"v3"')).status).toBe(204);
  });

  it("answers 422 for an If-Match that is not a list of entity tags", async () => {
    const { body } = await couponApi.create(couponBody());
    for (const header of ["v1", '"v1', "**", ","]) {
      const response = await couponApi.patch(body.id, { title: "x" }, header);
      expectProblem(response, 422, "validation_failed");
      expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(["If-Match"]);
    }
  });

  it("of two PATCHes sent at once with the same ETag, exactly one lands", async () => {
    const { body } = await couponApi.create(couponBody());
    for (let round = 1; round <= 3; round++) {
      const etag = `"v${round}"`;
      const responses = await Promise.all([
        couponApi.patch(body.id, { title: `A${round}` }, etag),
        couponApi.patch(body.id, { title: `B${round}` }, etag),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = responses.find((r) => r.status === 200);
      expect((await couponApi.get(body.id)).body.title).toBe(winner?.body.title);
    }
  });

  it("404 comes before 412 for a coupon that does not exist", async () => {
    expectProblem(
      await couponApi.patch("c_0123456789abcdef0123456789abcdef", { title: "x" }, '"v1"'),
      404,
      "coupon_not_found",
    );
  });
});
