import { describe, expect, it } from "vitest";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { described, useEmfCapture } from "../../support/emf";
import { claimInOrder, createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";

const emf = useEmfCapture();
useBeaconClockAhead();

describe("the raffles' metrics", () => {
  it("count a raffle created, a ticket claimed, and each refused claim by its reason", async () => {
    const id = await createTestRaffle(2);
    expect(described(emf.take())).toEqual(["RafflesCreated 1"]);

    expect((await raffleApi.claim(id, playerIp(1))).status).toBe(201);
    expect(described(emf.take())).toEqual(["TicketsClaimed 1"]);

    expect((await raffleApi.claim(id, playerIp(1))).status).toBe(409);
    expect(described(emf.take())).toEqual(["ClaimsRefused reason=already_participated 1"]);

    expect((await raffleApi.claim(id, playerIp(2))).status).toBe(201);
    expect((await raffleApi.claim(id, playerIp(3))).status).toBe(409);
    expect(described(emf.take())).toEqual(["ClaimsRefused reason=sold_out 1", "TicketsClaimed 1"]);
  });

  it("count a raffle drawn once, and each refused draw by its reason", async () => {
    const id = await createTestRaffle(3);
    await claimInOrder(id, 2, 100);
    emf.take();
    expect((await raffleApi.draw(id)).status).toBe(409);
    expect(described(emf.take())).toEqual(["DrawsRefused reason=tickets_remaining 1"]);

    await claimInOrder(id, 1, 200);
    emf.take();
    expect((await raffleApi.draw(id)).status).toBe(200);
    expect(described(emf.take())).toEqual(["RafflesDrawn 1"]);

    expect((await raffleApi.draw(id)).status).toBe(409);
    expect(described(emf.take())).toEqual(["DrawsRefused reason=already_drawn 1"]);
  });

  it("count nothing for reads", async () => {
    const id = await createTestRaffle(1);
    emf.take();
    expect((await raffleApi.get(id)).status).toBe(200);
    expect((await raffleApi.list()).status).toBe(200);
    expect(described(emf.take())).toEqual([]);
  });
});
