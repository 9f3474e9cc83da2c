import { describe, expect, it } from "vitest";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();
// The gateway runs the handlers in this process: their beacon round is out when they draw.
useBeaconClockAhead();

/** Loopback addresses other than the manager's 127.0.0.1: each is another player. */
const player = (group: number, i: number) => `127.${group}.${(i >> 8) & 255}.${(i & 255) + 1}`;

async function createRaffle(totalTickets: number, prizes = [{ name: "Prize", quantity: 3 }]) {
  const response = await gateway.send("POST", "/v1/raffles", {
    body: { name: "E2E raffle", total_tickets: totalTickets, prizes },
    from: "127.0.0.1",
  });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

const claim = (id: string, from: string) =>
  gateway.send("POST", `/v1/raffles/${id}/tickets`, { from });

describe("raffles over real HTTP, concurrently", () => {
  it("more claimants than tickets: exactly N succeed, holding exactly 1..N; the rest are sold_out", async () => {
    const tickets = 40;
    const id = await createRaffle(tickets);
    const responses = await Promise.all(
      Array.from({ length: tickets * 3 }, (_, i) => claim(id, player(1, i))),
    );
    const won = responses.filter((r) => r.status === 201);
    const lost = responses.filter((r) => r.status !== 201);
    expect(won).toHaveLength(tickets);
    expect(won.map((r) => r.body.ticket_number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: tickets }, (_, i) => i + 1),
    );
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.headers["content-type"]).toBe("application/problem+json");
      expect(r.body.code).toBe("sold_out");
    }
    const raffle = await gateway.send("GET", `/v1/raffles/${id}`);
    expect(raffle.body).toMatchObject({ tickets_remaining: 0, status: "sold_out" });
  });

  it("several concurrent claims from one address: exactly one succeeds", async () => {
    const id = await createRaffle(40);
    const from = player(2, 7);
    const responses = await Promise.all(Array.from({ length: 12 }, () => claim(id, from)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe("already_participated");
    }
    expect((await gateway.send("GET", `/v1/raffles/${id}`)).body.tickets_remaining).toBe(39);
  });

  it("several concurrent draws: one set of winners, which players can verify", async () => {
    const id = await createRaffle(20, [
      { name: "Bike", quantity: 1 },
      { name: "Mug", quantity: 4 },
    ]);
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(id, player(3, i))));
    expect(claims.every((r) => r.status === 201)).toBe(true);
    const forbidden = await gateway.send("POST", `/v1/raffles/${id}/draw`, { from: player(3, 0) });
    expect(forbidden.status).toBe(403);

    const draws = await Promise.all(
      Array.from({ length: 5 }, () =>
        gateway.send("POST", `/v1/raffles/${id}/draw`, { from: "127.0.0.1" }),
      ),
    );
    const drawn = draws.filter((r) => r.status === 200);
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    for (const r of draws.filter((r) => r.status !== 200))
      expect(r.body.code).toBe("already_drawn");
    for (const r of drawn) expect(r.body.winners).toEqual(drawn[0]?.body.winners);
    const winners = (await gateway.send("GET", `/v1/raffles/${id}/winners`)).body.winners;
    expect(winners).toEqual(drawn[0]?.body.winners);
    expect(winners).toHaveLength(5);

    for (const { body } of claims) {
      const verified = await gateway.send(
        "POST",
        `/v1/raffles/${id}/tickets/${body.ticket_number}/verify`,
        { body: { verification_code: body.verification_code } },
      );
      const prize =
        winners.find((w: { ticket_number: number }) => w.ticket_number === body.ticket_number)
          ?.prize ?? null;
      expect(verified.body).toEqual({
        ticket_number: body.ticket_number,
        status: prize ? "won" : "lost",
        prize,
      });
    }
  });

  it("routes the raffle paths: 405 with Allow, 422 for a malformed ticket number", async () => {
    const wrongMethod = await gateway.send("DELETE", "/v1/raffles");
    expect(wrongMethod.status).toBe(405);
    expect(String(wrongMethod.headers.allow).split(", ").sort()).toEqual(["GET", "POST"]);
    const malformed = await gateway.send("POST", "/v1/raffles/r_x/tickets/1.5/verify", {
      body: { verification_code: "0000-0000-0000-0000" },
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0].path).toBe("ticket_number");
  });
});
