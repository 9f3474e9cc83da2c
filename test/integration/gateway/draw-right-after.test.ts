// The raffle brief's clients draw right after the last claim. With the beacons' clock at the
// real time (no clock ahead here), the round their sale fixed is 5 to 8 s away when they call:
// the draw waits for it and the first call answers the winners.
import { describe, expect, it } from "vitest";
import { useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();
const player = (i: number) => `127.9.0.${i + 1}`;

describe("a draw right after the last claim, over real HTTP", () => {
  it("answers 200 with the winners on its first call; a second call is already_drawn", async () => {
    const created = await gateway.send("POST", "/v1/raffles", {
      body: {
        name: "Right after",
        total_tickets: 12,
        prizes: [
          { name: "Bike", quantity: 1 },
          { name: "Mug", quantity: 2 },
        ],
      },
      from: "127.0.0.1",
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        gateway.send("POST", `/v1/raffles/${id}/tickets`, { from: player(i) }),
      ),
    );
    expect(claims.map((claim) => claim.status)).toEqual(Array(12).fill(201));

    const draw = await gateway.send("POST", `/v1/raffles/${id}/draw`, { from: "127.0.0.1" });
    expect(draw.status, JSON.stringify(draw.body)).toBe(200);
    expect(draw.body.winners).toHaveLength(3);
    const tickets = new Set(claims.map((claim) => claim.body.ticket_number));
    for (const winner of draw.body.winners) expect(tickets.has(winner.ticket_number)).toBe(true);

    const winners = await gateway.send("GET", `/v1/raffles/${id}/winners`);
    expect(winners.body.winners).toEqual(draw.body.winners);
    const again = await gateway.send("POST", `/v1/raffles/${id}/draw`, { from: "127.0.0.1" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("already_drawn");
  });
});
