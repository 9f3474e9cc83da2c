import { describe, expect, it } from "vitest";
import { expectProblem, raffleApi } from "../../support/raffle-api";

const valid = { name: "Raffle", total_tickets: 100, prizes: [{ name: "Bike", quantity: 1 }] };
const prize = valid.prizes[0];

const cases: [string, unknown, string[]][] = [
  ["name missing", { total_tickets: 100, prizes: valid.prizes }, ["name"]],
  ["total_tickets missing", { name: "x", prizes: valid.prizes }, ["total_tickets"]],
  ["prizes missing", { name: "x", total_tickets: 100 }, ["prizes"]],
  ["every field missing", {}, ["name", "prizes", "total_tickets"]],
  ["name not a string", { ...valid, name: 12 }, ["name"]],
  ["name empty", { ...valid, name: "" }, ["name"]],
  ["name blank", { ...valid, name: "   " }, ["name"]],
  ["name too long", { ...valid, name: "x".repeat(101) }, ["name"]],
  ["name huge", { ...valid, name: "x".repeat(60_000) }, ["name"]],
  ["total_tickets a string", { ...valid, total_tickets: "100" }, ["total_tickets"]],
  ["total_tickets zero", { ...valid, total_tickets: 0 }, ["total_tickets"]],
  ["total_tickets negative", { ...valid, total_tickets: -5 }, ["total_tickets"]],
  ["total_tickets fractional", { ...valid, total_tickets: 10.5 }, ["total_tickets"]],
  ["total_tickets over 100,000,000", { ...valid, total_tickets: 100_000_001 }, ["total_tickets"]],
  ["total_tickets huge", { ...valid, total_tickets: 1e300 }, ["total_tickets"]],
  ["total_tickets null", { ...valid, total_tickets: null }, ["total_tickets"]],
  ["prizes not an array", { ...valid, prizes: { name: "x", quantity: 1 } }, ["prizes"]],
  ["prizes empty", { ...valid, prizes: [] }, ["prizes"]],
  [
    "more than 100 prize entries",
    { ...valid, total_tickets: 1000, prizes: Array(101).fill(prize) },
    ["prizes"],
  ],
  ["prize name missing", { ...valid, prizes: [{ quantity: 1 }] }, ["prizes[0].name"]],
  ["prize quantity missing", { ...valid, prizes: [{ name: "x" }] }, ["prizes[0].quantity"]],
  [
    "prize quantity zero",
    { ...valid, prizes: [{ name: "x", quantity: 0 }] },
    ["prizes[0].quantity"],
  ],
  [
    "prize quantity fractional",
    { ...valid, prizes: [prize, { name: "x", quantity: 1.5 }] },
    ["prizes[1].quantity"],
  ],
  [
    "prize quantity a string",
    { ...valid, prizes: [{ name: "x", quantity: "1" }] },
    ["prizes[0].quantity"],
  ],
  [
    "prize name too long",
    { ...valid, prizes: [{ name: "x".repeat(101), quantity: 1 }] },
    ["prizes[0].name"],
  ],
  ["prize not an object", { ...valid, prizes: ["Bike"] }, ["prizes[0]"]],
  [
    "more prize units than tickets",
    {
      ...valid,
      total_tickets: 3,
      prizes: [
        { name: "x", quantity: 2 },
        { name: "y", quantity: 2 },
      ],
    },
    ["prizes"],
  ],
  [
    "more than 10,000 prize units",
    {
      ...valid,
      total_tickets: 1_000_000,
      prizes: [
        { name: "x", quantity: 6000 },
        { name: "y", quantity: 5000 },
      ],
    },
    ["prizes"],
  ],
  ["an unknown field", { ...valid, colour: "red" }, ["colour"]],
  ["an unknown prize field", { ...valid, prizes: [{ ...prize, value: 5 }] }, ["prizes[0].value"]],
  ["a client-chosen id", { ...valid, id: "r_mine" }, ["id"]],
];

describe("POST /v1/raffles with bad input", () => {
  it.each(cases)("answers 422 for %s", async (_, body, paths) => {
    const response = await raffleApi.create(body);
    expectProblem(response, 422, "validation_failed");
    const reported = response.body.errors.map((error: { path: string }) => error.path);
    expect([...new Set(reported)].sort()).toEqual(paths);
    for (const error of response.body.errors) expect(typeof error.message).toBe("string");
  });

  it.each([
    ["not JSON", "{nope", 400, "invalid_json"],
    ["a JSON array", "[]", 400, "invalid_json"],
    ["empty", "", 400, "invalid_json"],
    [
      "over 64 KiB",
      JSON.stringify({ ...valid, name: "x".repeat(70_000) }),
      413,
      "payload_too_large",
    ],
  ])("answers %s body with %i", async (_, body, status, code) => {
    expectProblem(await raffleApi.create(body), status, code);
  });

  it("accepts the limits themselves", async () => {
    const response = await raffleApi.create({
      name: "x".repeat(100),
      total_tickets: 100_000_000,
      prizes: [
        ...Array(99).fill({ name: "y".repeat(100), quantity: 1 }),
        { name: "z", quantity: 9901 },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.tickets_remaining).toBe(100_000_000);
  });

  it("checks access before the body: a non-manager gets 403 even for a bad body", async () => {
    expectProblem(await raffleApi.create({}, "198.51.100.1"), 403, "forbidden");
  });
});
