import { describe, expect, it } from "vitest";
import { requestCounter } from "#platform/db/client";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import {
  claimInOrder,
  createTestRaffle,
  expectProblem,
  playerIp,
  raffleApi,
} from "../../support/raffle-api";

const UNKNOWN_ID = `r_${"0".repeat(32)}`;

useBeaconClockAhead();
const prizes = [
  { name: "Bike", quantity: 1 },
  { name: "Mug", quantity: 2 },
];

describe("POST /v1/raffles", () => {
  it("creates a raffle (201, Location) that starts open with every ticket remaining", async () => {
    const response = await raffleApi.create({ name: "Summer raffle", total_tickets: 1000, prizes });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^r_[0-9a-f]{32}$/),
      name: "Summer raffle",
      total_tickets: 1000,
      tickets_remaining: 1000,
      status: "open",
      prizes,
      created_at: expect.any(String),
      drawn_at: null,
      auto_draw: false,
      draw_commitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(response.headers.location).toBe(`/v1/raffles/${response.body.id}`);
    expect(new Date(response.body.created_at).toISOString()).toBe(response.body.created_at);
    expect(JSON.stringify(response.body)).not.toMatch(/key|seed|shard/);
  });

  it("answers 403 forbidden to a caller outside MANAGER_CIDRS", async () => {
    const response = await raffleApi.create(
      { name: "x", total_tickets: 10, prizes },
      "203.0.113.5",
    );
    expectProblem(response, 403, "forbidden");
  });

  it("answers 422 validation_failed for a bad body", async () => {
    const response = await raffleApi.create({ name: "", total_tickets: 0, prizes: [] });
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "name",
      "prizes",
      "total_tickets",
    ]);
  });
});

describe("GET /v1/raffles/{id}", () => {
  it("returns the raffle with live tickets_remaining and status", async () => {
    const id = await createTestRaffle(20, prizes);
    await claimInOrder(id, 3);
    const response = await raffleApi.get(id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id,
      total_tickets: 20,
      tickets_remaining: 17,
      status: "open",
    });
  });

  it.each([UNKNOWN_ID, "nope", "r_123", `r_${"A".repeat(32)}`])(
    "answers 404 raffle_not_found for %j",
    async (id) => {
      expectProblem(await raffleApi.get(id), 404, "raffle_not_found");
    },
  );
});

describe("GET /v1/raffles", () => {
  it("lists raffles newest first, page by page with a cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createTestRaffle(10, prizes, `List ${i}`));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await raffleApi.list({ limit: "2", ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items.map((raffle: { id: string }) => raffle.id));
      cursor = response.body.next_cursor ?? undefined;
    } while (cursor);
    const ours = seen.filter((id) => ids.includes(id));
    expect(ours).toEqual([...ids].reverse());
    const createdAt = (await raffleApi.list({ limit: "100" })).body.items.map(
      (raffle: { created_at: string }) => raffle.created_at,
    );
    expect(createdAt).toEqual([...createdAt].sort().reverse());
  });

  it("shows each raffle's remaining tickets and status", async () => {
    const id = await createTestRaffle(16, prizes);
    await claimInOrder(id, 16, 500);
    const response = await raffleApi.list({ limit: "1" });
    expect(response.body.items[0]).toMatchObject({ id, tickets_remaining: 0, status: "sold_out" });
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ cursor: "not-a-cursor" }, "cursor"],
    [{ cursor: Buffer.from('{"pk":"x"}').toString("base64url") }, "cursor"],
    [{ colour: "red" }, "colour"],
  ])("answers 422 for query %j", async (query, path) => {
    const response = await raffleApi.list(query);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors[0].path).toBe(path);
  });
});

describe("POST /v1/raffles/{id}/tickets", () => {
  it("gives a ticket in 1..N with a grouped verification code (201)", async () => {
    const id = await createTestRaffle(20, prizes);
    const response = await raffleApi.claim(id, playerIp(1));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      raffle_id: id,
      ticket_number: expect.any(Number),
      verification_code: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
    });
    expect(response.body.ticket_number).toBeGreaterThanOrEqual(1);
    expect(response.body.ticket_number).toBeLessThanOrEqual(20);
  });

  it("answers 409 already_participated to the same player, IPv4 or same IPv6 /64", async () => {
    const id = await createTestRaffle(20, prizes);
    expect((await raffleApi.claim(id, playerIp(7))).status).toBe(201);
    expectProblem(await raffleApi.claim(id, playerIp(7)), 409, "already_participated");
    expect((await raffleApi.claim(id, "2001:db8:1:2::1")).status).toBe(201);
    expectProblem(await raffleApi.claim(id, "2001:db8:1:2:ffff::9"), 409, "already_participated");
    expect((await raffleApi.claim(id, "2001:db8:1:3::1")).status).toBe(201);
    expect((await raffleApi.get(id)).body.tickets_remaining).toBe(17);
  });

  it("hands out 1..N exactly once, then answers 409 sold_out", async () => {
    const id = await createTestRaffle(40, prizes);
    const claimed = await claimInOrder(id, 40);
    expect(claimed.map((c) => c.ticket_number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expectProblem(await raffleApi.claim(id, playerIp(999)), 409, "sold_out");
    expect((await raffleApi.get(id)).body).toMatchObject({
      tickets_remaining: 0,
      status: "sold_out",
    });
  });

  it.each([UNKNOWN_ID, "bogus"])("answers 404 raffle_not_found for %j", async (id) => {
    expectProblem(await raffleApi.claim(id, playerIp(1)), 404, "raffle_not_found");
  });
});

describe("draw, winners and verify", () => {
  it("walks a raffle from open to drawn, with every error on the way", async () => {
    const id = await createTestRaffle(20, prizes);
    expectProblem(await raffleApi.winners(id), 409, "not_drawn");
    const claimed = await claimInOrder(id, 19, 100);
    expectProblem(await raffleApi.draw(id), 409, "tickets_remaining");
    expectProblem(await raffleApi.draw(id, "203.0.113.9"), 403, "forbidden");
    claimed.push(...(await claimInOrder(id, 1, 200)));

    const first = claimed[0] as (typeof claimed)[number];
    const before = await raffleApi.verify(id, first.ticket_number, {
      verification_code: first.verification_code,
    });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      ticket_number: first.ticket_number,
      status: "pending",
      prize: null,
    });

    const draw = await raffleApi.draw(id);
    expect(draw.status).toBe(200);
    expect(draw.body.raffle_id).toBe(id);
    const winners = draw.body.winners as { prize: string; ticket_number: number }[];
    expect(winners.map((w) => w.prize).sort()).toEqual(["Bike", "Mug", "Mug"]);
    expect(new Set(winners.map((w) => w.ticket_number)).size).toBe(3);
    expect(winners.map((w) => w.ticket_number)).toEqual(
      winners.map((w) => w.ticket_number).sort((a, b) => a - b),
    );

    expectProblem(await raffleApi.draw(id), 409, "already_drawn");
    const listed = await raffleApi.winners(id);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ raffle_id: id, winners });
    const raffle = (await raffleApi.get(id)).body;
    expect(raffle).toMatchObject({ status: "drawn", tickets_remaining: 0 });
    expect(typeof raffle.drawn_at).toBe("string");

    for (const ticket of claimed) {
      const response = await raffleApi.verify(id, ticket.ticket_number, {
        verification_code: ticket.verification_code.toLowerCase().replaceAll("-", " "),
      });
      expect(response.status).toBe(200);
      const prize = winners.find((w) => w.ticket_number === ticket.ticket_number)?.prize ?? null;
      expect(response.body).toEqual({
        ticket_number: ticket.ticket_number,
        status: prize ? "won" : "lost",
        prize,
      });
    }
    const other = claimed[1] as (typeof claimed)[number];
    expectProblem(
      await raffleApi.verify(id, first.ticket_number, {
        verification_code: other.verification_code,
      }),
      403,
      "invalid_verification_code",
    );
  });

  it("answers 404 for unknown raffles and unclaimed tickets", async () => {
    const code = { verification_code: "0000-0000-0000-0000" };
    expectProblem(await raffleApi.draw(UNKNOWN_ID), 404, "raffle_not_found");
    expectProblem(await raffleApi.winners(UNKNOWN_ID), 404, "raffle_not_found");
    expectProblem(await raffleApi.verify(UNKNOWN_ID, 1, code), 404, "raffle_not_found");
    expectProblem(await raffleApi.verify("junk", 1, code), 404, "raffle_not_found");
    const id = await createTestRaffle(20, prizes);
    expectProblem(await raffleApi.verify(id, 1, code), 404, "ticket_not_found");
    expectProblem(await raffleApi.verify(id, 21, code), 404, "ticket_not_found");
    expectProblem(await raffleApi.verify(id, 100_000_000, code), 404, "ticket_not_found");
  });

  it.each(["0", "-1", "1.5", "01", "1e3", "abc", "100000001", "9999999999", " 1", "0x10"])(
    "answers 422 for the ticket number %j in the path",
    async (ticketNumber) => {
      const id = await createTestRaffle(20, prizes);
      const response = await raffleApi.verify(id, ticketNumber, {
        verification_code: "0000-0000-0000-0000",
      });
      expectProblem(response, 422, "validation_failed");
      expect(response.body.errors[0].path).toBe("ticket_number");
    },
  );

  it.each([
    [{}, "verification_code"],
    [{ verification_code: 12 }, "verification_code"],
    [{ verification_code: null }, "verification_code"],
    [{ verification_code: ["0000-0000-0000-0000"] }, "verification_code"],
    [{ verification_code: "0000-0000-0000-0000", extra: 1 }, "extra"],
  ])("answers 422 for the verify body %j", async (body, path) => {
    const response = await raffleApi.verify(`r_${"1".repeat(32)}`, 1, body);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it.each([
    "",
    "ABCD-EFGH",
    "UUUU-UUUU-UUUU-UUUU",
    "0000-0000-0000-00000",
    "A".repeat(1000),
    "🎟️".repeat(16),
  ])("refuses the code %j, not of a code's form, like a wrong one", async (code) => {
    const id = await createTestRaffle(20, prizes);
    const [ticket] = await claimInOrder(id, 1, 700);
    const number = ticket?.ticket_number as number;
    expectProblem(
      await raffleApi.verify(id, number, { verification_code: code }),
      403,
      "invalid_verification_code",
    );
    // Where a wrong code is a 404, so is a malformed one: the ticket is looked up first.
    const unclaimed = number === 20 ? 19 : 20;
    expectProblem(
      await raffleApi.verify(id, unclaimed, { verification_code: code }),
      404,
      "ticket_not_found",
    );
    expectProblem(
      await raffleApi.verify(UNKNOWN_ID, 1, { verification_code: code }),
      404,
      "raffle_not_found",
    );
  });

  it.each(["nope", "r_123", `r_${"A".repeat(32)}`, `R_${"0".repeat(32)}`, `r_${"0".repeat(33)}`])(
    "answers every raffle route 404 raffle_not_found for the malformed id %j, without a read",
    async (id) => {
      requestCounter.reset();
      const code = { verification_code: "0000-0000-0000-0000" };
      for (const response of [
        await raffleApi.get(id),
        await raffleApi.claim(id, playerIp(1)),
        await raffleApi.draw(id),
        await raffleApi.winners(id),
        await raffleApi.verify(id, 1, code),
        await raffleApi.audit(id),
        await raffleApi.auditTickets(id),
      ]) {
        expectProblem(response, 404, "raffle_not_found");
      }
      expect(requestCounter.total).toBe(0);
    },
  );

  it("answers 400 invalid_json for a verify body that is not a JSON object", async () => {
    expectProblem(await raffleApi.verify(UNKNOWN_ID, 1, "[1]"), 400, "invalid_json");
  });
});
