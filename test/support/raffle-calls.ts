// The raffle handlers called in-process, free of vitest: the tests, the claim worker (a process
// of its own) and the bench share them.
import { handler as claimTicket } from "../../functions/raffles/claim-ticket";
import { handler as createRaffle } from "../../functions/raffles/create-raffle";
import { handler as drawRaffle } from "../../functions/raffles/draw-raffle";
import { handler as getAudit } from "../../functions/raffles/get-audit";
import { handler as getRaffle } from "../../functions/raffles/get-raffle";
import { handler as getWinners } from "../../functions/raffles/get-winners";
import { handler as listAuditTickets } from "../../functions/raffles/list-audit-tickets";
import { handler as listRaffles } from "../../functions/raffles/list-raffles";
import { handler as verifyTicket } from "../../functions/raffles/verify-ticket";
import { invoke } from "./lambda-event";

/** Inside MANAGER_CIDRS of the test environment. */
const MANAGER_IP = "127.0.0.1";
/** A distinct player address for each i (the handlers see each as another player). */
export const playerIp = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** The raffle routes' handlers, called in-process with API Gateway events. */
export const raffleApi = {
  create: (body: unknown, sourceIp = MANAGER_IP) =>
    invoke(createRaffle, { method: "POST", path: "/v1/raffles", body, sourceIp }),
  list: (query?: Record<string, string>) =>
    invoke(listRaffles, { path: "/v1/raffles", ...(query ? { query } : {}) }),
  get: (id: string) => invoke(getRaffle, { path: `/v1/raffles/${id}`, pathParameters: { id } }),
  claim: (id: string, sourceIp: string) =>
    invoke(claimTicket, {
      method: "POST",
      path: `/v1/raffles/${id}/tickets`,
      pathParameters: { id },
      sourceIp,
    }),
  draw: (id: string, sourceIp = MANAGER_IP) =>
    invoke(drawRaffle, {
      method: "POST",
      path: `/v1/raffles/${id}/draw`,
      pathParameters: { id },
      sourceIp,
    }),
  winners: (id: string) =>
    invoke(getWinners, { path: `/v1/raffles/${id}/winners`, pathParameters: { id } }),
  audit: (id: string) =>
    invoke(getAudit, { path: `/v1/raffles/${id}/audit`, pathParameters: { id } }),
  auditTickets: (id: string, query?: Record<string, string>) =>
    invoke(listAuditTickets, {
      path: `/v1/raffles/${id}/audit/tickets`,
      pathParameters: { id },
      ...(query ? { query } : {}),
    }),
  verify: (id: string, ticketNumber: number | string, body: unknown) =>
    invoke(verifyTicket, {
      method: "POST",
      path: `/v1/raffles/${id}/tickets/${ticketNumber}/verify`,
      pathParameters: { id, ticket_number: String(ticketNumber) },
      body,
    }),
};
