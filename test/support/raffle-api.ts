import { expect } from "vitest";
import { playerIp, raffleApi } from "./raffle-calls";

export { playerIp, raffleApi } from "./raffle-calls";

/** Creates a raffle as a manager and returns its id. */
export async function createTestRaffle(
  totalTickets: number,
  prizes = [{ name: "Prize", quantity: 1 }],
  name = "Test raffle",
): Promise<string> {
  const response = await raffleApi.create({ name, total_tickets: totalTickets, prizes });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Claims `count` tickets one after another, from players `from`..`from+count-1`. */
export async function claimInOrder(id: string, count: number, from = 0) {
  const claimed: { ticket_number: number; verification_code: string; ip: string }[] = [];
  for (let i = from; i < from + count; i++) {
    const response = await raffleApi.claim(id, playerIp(i));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    claimed.push({ ...response.body, ip: playerIp(i) });
  }
  return claimed;
}

export { expectProblem } from "./problem";
